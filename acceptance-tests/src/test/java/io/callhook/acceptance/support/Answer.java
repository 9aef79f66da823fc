package io.callhook.acceptance.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One HTTP answer as the test saw it: status, headers and the body text.
 *
 * @param status  HTTP status code
 * @param headers response headers
 * @param body    the body as UTF-8 text, empty when there is none
 */
public record Answer(int status, HttpHeaders headers, String body) {

    /** Decimals are read exactly ({@code 43.945} stays {@code 43.945}), as money must be. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The body parsed as JSON; fails the test with the raw body when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("answer " + status + " is not JSON: " + body, e);
        }
    }

    /** The first value of a header, if present (names are case-insensitive). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
