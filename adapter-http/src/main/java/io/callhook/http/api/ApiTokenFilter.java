package io.callhook.http.api;

import io.callhook.http.errors.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <CALLHOOK_API_TOKEN>}. Tokens are compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, so neither content nor length leaks through timing. Without a configured
 * token every request is refused: the API is closed until an operator opens it.
 */
public final class ApiTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"callhook\"";

    private final byte[] expectedDigest;

    /** @param token the configured API token, or empty when none is configured */
    public ApiTokenFilter(Optional<String> token) {
        this.expectedDigest = token.map(ApiTokenFilter::digest).orElse(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (expectedDigest == null) {
            request.abortWith(challenge(ErrorResponses.error(401, "api_token_missing",
                    "The API is disabled until an API token is configured (set CALLHOOK_API_TOKEN).")));
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(challenge(ErrorResponses.error(401, "unauthorized",
                    "Send the API token as Authorization: Bearer <token>.")));
            return;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        if (!MessageDigest.isEqual(expectedDigest, presented)) {
            request.abortWith(challenge(ErrorResponses.error(401, "invalid_token", "The API token is not valid.")));
        }
    }

    private static Response challenge(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
