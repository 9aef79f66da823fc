package io.callhook.http.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a webhook whose {@code Content-Length} is over the limit with 413 before anything else touches the request.
 * The resource checks the same limit while reading, but Jersey may peek at the body before the resource runs (it does
 * for form content types), so a large declared length is stopped here, at the door, without reading a byte.
 */
public final class DeclaredLengthFilter extends HttpFilter {

    private final long limit;
    private final WebhookMetrics metrics;
    private final byte[] answer;

    public DeclaredLengthFilter(int limit, WebhookMetrics metrics) {
        this.limit = limit;
        this.metrics = metrics;
        this.answer = ("{\"error\":\"" + WebhookResponses.TOO_LARGE + "\",\"message\":\""
                + WebhookResponses.tooLargeMessage(limit) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() <= limit) {
            chain.doFilter(request, response);
            return;
        }
        metrics.oversized();
        response.setStatus(413);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }
}
