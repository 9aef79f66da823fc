package io.callhook.http.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a list of strings written either as a YAML/JSON list or as one comma-separated string, so that a single
 * environment variable ({@code RETELL_API_KEY=new,old}) can fill a list. Entries are trimmed; empty entries are dropped.
 */
public final class CommaSeparatedListDeserializer extends JsonDeserializer<List<String>> {

    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            List<String> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_NULL) {
                    values.addAll(split(parser.getValueAsString()));
                }
            }
            return List.copyOf(values);
        }
        if (parser.currentToken().isScalarValue()) {
            return split(parser.getValueAsString());
        }
        context.handleUnexpectedToken(List.class, parser); // throws: objects cannot be a list of strings
        return List.of();
    }

    @Override
    public List<String> getNullValue(DeserializationContext context) {
        return List.of();
    }

    /** Splits {@code "a, b,,c"} into {@code [a, b, c]}. */
    public static List<String> split(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
