package io.callhook.core.retell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The {@code event} name of a body without parsing all of it: for what is said about a delivery that was not (or not
 * yet) ingested, such as a replay's summary row or a spooled webhook's answer. The one copy of this rule.
 */
public final class EventNames {

    private static final JsonFactory JSON = new JsonFactory();

    private EventNames() {
    }

    /** The top-level {@code "event"} string, or {@code null} when there is none or the body is not a JSON object. */
    public static String of(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("event".equals(name)) {
                    return value == JsonToken.VALUE_STRING && !parser.getText().isBlank() ? parser.getText() : null;
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException unparseable) {
            // not JSON: no name
        }
        return null;
    }
}
