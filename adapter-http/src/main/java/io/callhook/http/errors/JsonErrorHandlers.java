package io.callhook.http.errors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error pages (errors raised before or outside Jersey: a malformed URI, a method the server refuses, a
 * failing filter) as the same {@code {"error","message"}} JSON, whatever the client accepts. Jetty's default pages
 * would echo the URL and, as HTML, the exception.
 */
public final class JsonErrorHandlers {

    private JsonErrorHandlers() {
    }

    /** For the server as a whole (errors before a request reaches a context). */
    public static org.eclipse.jetty.server.handler.ErrorHandler forServer() {
        return new ServerHandler();
    }

    /** For a servlet context ({@code sendError} from filters and servlets). */
    public static org.eclipse.jetty.ee10.servlet.ErrorHandler forContext() {
        return new ContextHandler();
    }

    static void writeJson(PrintWriter writer, int code) {
        ErrorBody body = ErrorResponses.bodyFor(code);
        // codes and messages are fixed ASCII text without quotes or backslashes, so no escaping is needed
        writer.append("{\"error\":\"").append(body.error())
                .append("\",\"message\":\"").append(body.message()).append("\"}");
    }

    /**
     * An error page for a failure (a URI Jetty refuses, such as one with {@code %00}; a request Jetty could not
     * handle) is Jetty's last word on the exchange: it closes the connection after writing it. Said in the answer, a
     * keep-alive client opens a new connection for its next request instead of losing it on the dead one. A refusal
     * without a failure ({@code sendError}: 404, 405, 401) keeps the connection.
     */
    static void closeAfterFailure(Response response, Throwable cause) {
        if (cause != null && !response.isCommitted()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
    }

    private static final class ServerHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
        ServerHandler() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) throws IOException {
            closeAfterFailure(response, cause);
            if (!generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, null, null)) {
                callback.succeeded();
            }
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true; // Jetty writes bodies only for GET/POST/HEAD by default; a refused TRACE gets one too
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message,
                                      Throwable cause) {
            writeJson(writer, code);
        }
    }

    private static final class ContextHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        ContextHandler() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) throws IOException {
            closeAfterFailure(response, cause);
            if (!generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, null, null)) {
                callback.succeeded();
            }
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true; // Jetty writes bodies only for GET/POST/HEAD by default; a refused TRACE gets one too
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message,
                                      Throwable cause) {
            writeJson(writer, code);
        }
    }
}
