package io.callhook.http.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;

/**
 * Keeps keep-alive connections usable after a request is refused before its body was read (a wrong API token, no
 * Retell key, a body declared too large). Left alone, Jetty would find the unread body at the end of the exchange and
 * drop the connection without a word, after an answer that promised to keep it, and the client's next request on it
 * would fail. So: a refused body of at most {@value #DRAIN_LIMIT} bytes with a declared length is read and discarded
 * after the answer is sent, and the connection carries on; any other unread body (larger, or of unknown length) gets
 * {@code Connection: close} on its answer, so the client opens a new connection instead of losing a request.
 *
 * <p>It also refuses URIs Jetty's default compliance refuses ({@code //}, {@code %2F}, {@code %00}, {@code ..} and
 * the like) with a 400. Jetty's own refusal fails the exchange: the unread body is abandoned and the connection
 * closed at once, and a client still sending that body gets a reset that can swallow the answer. So the application
 * connector lets such URIs through ({@link #ACCEPTED_BY_CONNECTOR}) and this filter, first in the chain, refuses
 * them like any other request: the answer, then the body read to the end.
 */
public final class KeepAliveGuard extends HttpFilter {

    /** The most bytes of a refused body read only to keep the connection; more is not worth the server's time. */
    static final long DRAIN_LIMIT = 256 * 1024;
    /**
     * The same for a refused path, whose body is read before the answer: as much as the webhook reads from anyone
     * before it checks a signature (the default body limit), so no unauthenticated client gets more than it has anyway.
     * (Refusals answered before their body is read keep the smaller limit: an answer whose last byte is written ends
     * Jetty's exchange, and a large body still arriving then is not reliably drained.)
     */
    static final long URI_DRAIN_LIMIT = 1024 * 1024;

    /** What the application connector accepts; anything beyond {@link #REFUSED_BEYOND} is refused here. */
    public static final UriCompliance ACCEPTED_BY_CONNECTOR = UriCompliance.UNSAFE;
    /** The URIs this server serves: Jetty's default, which refuses every ambiguous path. */
    static final UriCompliance REFUSED_BEYOND = UriCompliance.DEFAULT;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (refusedUri(request)) {
            refuseUri(request, response);
            return;
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        boolean drainable = request.getContentLengthLong() > 0 && request.getContentLengthLong() <= DRAIN_LIMIT;
        chain.doFilter(request, drainable ? response : new ClosingOnRefusal(request, response));
        if (drainable && response.getStatus() >= 400 && !finished(request)) {
            response.flushBuffer(); // the client may wait for the answer before it sends the rest of the body
            drain(request, DRAIN_LIMIT);
        }
    }

    /**
     * The body is read first, then answered with its length: Jetty ends an exchange when the last byte of a response
     * with a length is written, and if the body is unread by then it drops the connection. A client that sent
     * {@code Expect: 100-continue} is asked for the body by the read.
     */
    private static void refuseUri(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean drainable = request.getContentLengthLong() > 0 && request.getContentLengthLong() <= URI_DRAIN_LIMIT;
        boolean unreadBody = !drainable
                && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        if (unreadBody) {
            response.setHeader("Connection", "close");
        }
        StringWriter json = new StringWriter();
        JsonErrorHandlers.writeJson(new PrintWriter(json), HttpServletResponse.SC_BAD_REQUEST);
        if (drainable) {
            drain(request, URI_DRAIN_LIMIT);
        }
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean refusedUri(HttpServletRequest request) {
        HttpURI uri = ServletContextRequest.getServletContextRequest(request).getHttpURI();
        return uri.hasViolations() && UriCompliance.checkUriCompliance(REFUSED_BEYOND, uri, null) != null;
    }

    private static boolean finished(HttpServletRequest request) {
        try {
            return request.getInputStream().isFinished();
        } catch (IllegalStateException readThroughAReader) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static void drain(HttpServletRequest request, long limit) {
        try {
            ServletInputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = limit;
            for (int n = in.read(buffer); n >= 0 && left > 0; n = in.read(buffer)) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or sent a broken body: Jetty closes the connection, which is all that is left to do
        }
    }

    /** Adds {@code Connection: close} to a refusal whose body was not read to the end. */
    private static final class ClosingOnRefusal extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        ClosingOnRefusal(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void setStatus(int status) {
            closeIfRefusedUnread(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            closeIfRefusedUnread(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            closeIfRefusedUnread(status);
            super.sendError(status, message);
        }

        private void closeIfRefusedUnread(int status) {
            if (status >= 400 && !isCommitted() && !finished(request)) {
                setHeader("Connection", "close");
            }
        }
    }
}
