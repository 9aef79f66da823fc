package io.callhook.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** The callhook API as a test sees it: requests with the test token, answers as status plus parsed JSON. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntSupplier port;

    public Api(IntSupplier port) {
        this.port = port;
    }

    /** An answer: status, raw body and the body as JSON ({@link MissingNode} when it is not JSON). */
    public record Answer(int status, String body, JsonNode json, HttpResponse<String> response) {

        public String text(String field) {
            return json.path(field).asText();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return answer(Http.send(request(path).GET().build()));
    }

    public Answer post(String path, String json) {
        return answer(Http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build()));
    }

    public Answer put(String path, String json) {
        return answer(Http.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build()));
    }

    public Answer postBytes(String path, String contentType, byte[] body) {
        return answer(Http.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    public Answer postCsv(String path, String csv) {
        return postBytes(path, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a Retell fixture signed with the test key to the webhook endpoint. */
    public Answer deliver(String fixture) {
        byte[] body = Fixtures.bytes(fixture);
        return answer(Http.post(port.getAsInt(), "/webhooks/retell", body,
                "Content-Type", "application/json", "X-Retell-Signature", Fixtures.sign(body)));
    }

    private HttpRequest.Builder request(String path) {
        return Http.request(port.getAsInt(), path).header("Authorization", "Bearer " + TestServers.API_TOKEN);
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(), parse(response.body()), response);
    }

    /** Parses JSON text; {@link MissingNode} for text that is not JSON (or is empty). */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** JSON written in a test (single quotes allowed for readability: they become double quotes). */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in test: " + text, e);
        }
    }
}
