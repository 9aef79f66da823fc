package io.callhook.http.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * CORS for the read API: browsers on a configured origin may call it with {@code Authorization} and
 * {@code Content-Type} headers. Preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) from those
 * origins are answered here, before authentication (a preflight carries no token); preflights from other origins get
 * 403 and no CORS headers. Requests without an {@code Origin} pass untouched. {@code *} allows every origin.
 */
public final class CorsFilter extends HttpFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    static final String MAX_AGE_SECONDS = "600";
    private static final byte[] FORBIDDEN_BODY =
            "{\"error\":\"cors_origin_not_allowed\",\"message\":\"This origin may not call the API.\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final Set<String> allowedOrigins;
    private final boolean anyOrigin;

    public CorsFilter(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean allowed = anyOrigin || allowedOrigins.contains(origin);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (preflight) {
            if (allowed) {
                allowOrigin(response, origin);
                response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                response.setHeader("Vary", "Origin");
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("application/json");
                response.setContentLength(FORBIDDEN_BODY.length);
                response.getOutputStream().write(FORBIDDEN_BODY);
            }
            return;
        }
        if (allowed) {
            allowOrigin(response, origin);
        }
        chain.doFilter(request, response);
    }

    private static void allowOrigin(HttpServletResponse response, String origin) {
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.addHeader("Vary", "Origin");
    }
}
