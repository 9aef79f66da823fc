package io.callhook.core.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery exactly as it arrived: the raw body bytes (never re-serialised, they are what the signature covered and
 * what the inbox keeps) and when it was received.
 *
 * @param body       the raw request body
 * @param receivedAt when callhook received it (for replays: when the replay ran)
 */
public record Delivery(byte[] body, Instant receivedAt) {

    public Delivery {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
