package io.callhook.core.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery exactly as it arrived: the raw body bytes (never re-serialised, they are what the signature covered and
 * what the inbox keeps) and when it was received.
 *
 * @param body                    the raw request body
 * @param receivedAt              when callhook received it (for replays: when the replay ran)
 * @param answeredWithoutDecision the sender was already answered without a routing decision (a {@code call_inbound}
 *                                kept aside while the store was unreachable is answered {@code {}}, so Retell's own
 *                                set-up picked the agent): the decision recorded for it says so, instead of routing
 *                                that was never given
 */
public record Delivery(byte[] body, Instant receivedAt, boolean answeredWithoutDecision) {

    public Delivery {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A delivery that is answered from what is recorded for it (the usual case). */
    public Delivery(byte[] body, Instant receivedAt) {
        this(body, receivedAt, false);
    }
}
