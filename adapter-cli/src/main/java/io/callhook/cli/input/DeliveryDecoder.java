package io.callhook.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decides what one JSON object of the input is: a plain webhook body (used byte for byte), or a recorded delivery
 * {@code {"headers":{"x-retell-signature":"v=...,d=..."},"body":"<raw body as a JSON string>"}} (also accepted:
 * a top-level {@code "signature"} field instead of {@code headers}), whose body is the string's UTF-8 bytes.
 */
final class DeliveryDecoder {

    static final String SIGNATURE_HEADER = "x-retell-signature";

    /** For streaming parsers over a whole input (several values in a row). */
    private final ObjectMapper mapper;
    /** For one value that must be alone, e.g. an NDJSON line: content after it is an error. */
    private final ObjectReader strict;

    DeliveryDecoder() {
        this.mapper = JsonMapper.builder().build();
        this.strict = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** For one line of NDJSON: parses {@code raw} and decides. */
    InputItem fromBytes(byte[] raw, Origin origin) {
        JsonNode node;
        try {
            node = strict.readTree(raw);
        } catch (JsonProcessingException e) {
            return new InputProblem(origin, JsonMessages.invalidJson(e, false));
        } catch (IOException e) {
            return new InputProblem(origin, JsonMessages.ioReason(e));
        }
        return fromTree(node, raw, origin);
    }

    /** Whether {@code raw} is exactly one complete JSON object (used to tell NDJSON from pretty-printed JSON). */
    boolean isCompleteObject(byte[] raw) {
        try {
            return strict.readTree(raw).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** For a value already parsed from {@code raw} (its exact bytes in the input). */
    InputItem fromTree(JsonNode node, byte[] raw, Origin origin) {
        if (node == null || !node.isObject()) {
            return new InputProblem(origin, "expected a JSON object, found " + kind(node));
        }
        if (!isRecordedDelivery(node)) {
            return new RecordedEvent(raw, null, origin);
        }
        JsonNode body = node.get("body");
        if (!body.isTextual()) {
            return new InputProblem(origin,
                    "recorded delivery: \"body\" must be the raw request body as a JSON string, found " + kind(body));
        }
        JsonNode headers = node.get("headers");
        if (headers != null && !headers.isObject() && !headers.isNull()) {
            return new InputProblem(origin, "recorded delivery: \"headers\" must be an object, found " + kind(headers));
        }
        String signature = signatureHeader(headers);
        if (signature == null) {
            JsonNode field = node.get("signature");
            if (field != null && field.isTextual()) {
                signature = field.textValue();
            }
        }
        return new RecordedEvent(body.textValue().getBytes(StandardCharsets.UTF_8), signature, origin);
    }

    private static boolean isRecordedDelivery(JsonNode node) {
        return node.has("body") && (node.has("headers") || node.has("signature"));
    }

    /** The {@code x-retell-signature} value, header name matched case-insensitively; a list counts by its first. */
    private static String signatureHeader(JsonNode headers) {
        if (headers == null || !headers.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (!header.getKey().equalsIgnoreCase(SIGNATURE_HEADER)) {
                continue;
            }
            JsonNode value = header.getValue();
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isArray() && value.size() > 0 && value.get(0).isTextual()) {
                return value.get(0).textValue();
            }
        }
        return null;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
