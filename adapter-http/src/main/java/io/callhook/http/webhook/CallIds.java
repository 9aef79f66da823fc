package io.callhook.http.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.callhook.core.retell.EventNames;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Finds the {@code call_id} (or {@code chat_id}) in a signed body for log lines on the paths where ingestion did not
 * report one (a failure or a rejection). Never on the normal path, where the outcome carries it, and never for an
 * unsigned body. Only ids that look like Retell ids are returned, so a body cannot inject text into the log.
 */
final class CallIds {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

    private CallIds() {
    }

    /** The first {@code call_id}/{@code chat_id} string in the body, or {@code null}. */
    static String find(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME
                        && ("call_id".equals(parser.currentName()) || "chat_id".equals(parser.currentName()))
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    String id = parser.getText();
                    return SAFE_ID.matcher(id).matches() ? id : null;
                }
            }
        } catch (IOException | RuntimeException unparseable) {
            // best effort only: a body that is not JSON has no id to log
        }
        return null;
    }

    /** The top-level {@code event} name of the body when it is safe to log, or {@code null}. */
    static String eventName(byte[] body) {
        String name = EventNames.of(body);
        return name != null && SAFE_ID.matcher(name).matches() ? name : null;
    }

    /** An id as given if it is safe to log, else {@code null}. */
    static String safe(String id) {
        return id != null && SAFE_ID.matcher(id).matches() ? id : null;
    }
}
