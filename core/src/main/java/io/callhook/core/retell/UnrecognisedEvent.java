package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An {@code event} name this version does not know. Kept with its name and body so it can be stored and replayed
 * once a later version understands it; never a parse failure (Retell adds events over time).
 *
 * @param name           the {@code event} value as sent
 * @param body           the whole request body as JSON
 * @param eventTimestamp envelope {@code event_timestamp}, or {@code null}
 */
public record UnrecognisedEvent(String name, JsonNode body, Instant eventTimestamp) implements RetellEvent {

    public UnrecognisedEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
