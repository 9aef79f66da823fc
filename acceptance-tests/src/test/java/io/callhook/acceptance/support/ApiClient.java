package io.callhook.acceptance.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;

/**
 * Calls the JSON API ({@code /api/...}) with {@code Authorization: Bearer <token>} (or without, for a {@code null}
 * token). Request bodies are given as objects ({@code Map}s, lists) and sent as JSON, or as raw text with a content
 * type (CSV).
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUri;
    private final String token;

    public ApiClient(String baseUri, String token) {
        this.baseUri = baseUri;
        this.token = token;
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** POSTs {@code body} serialised as JSON. */
    public Answer post(String path, Object body) {
        return postRaw(path, "application/json", toJson(body));
    }

    /** POSTs {@code body} as it is, with {@code contentType}. */
    public Answer postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** PUTs {@code body} serialised as JSON. */
    public Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    /** A CORS preflight: {@code OPTIONS} from {@code origin} announcing {@code method} with {@code headers}. */
    public Answer preflight(String path, String origin, String method, String headers) {
        return Http.send(Http.request(baseUri + path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** A request with extra headers, e.g. {@code Origin}, for an actual cross-origin call. */
    public Answer get(String path, String... headers) {
        HttpRequest.Builder request = request(path).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = Http.request(baseUri + path).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Answer send(HttpRequest.Builder request) {
        return Http.send(request.build());
    }

    private static String toJson(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }
}
