package io.callhook.http.spool;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified delivery kept in the spool: the raw body, the signature header it was verified with, and when it was
 * received (the inbox keeps this time, not the time it was drained).
 *
 * @param body       the raw request body
 * @param signature  the {@code x-retell-signature} header value (kept for the record; never verified again)
 * @param receivedAt when callhook received the delivery
 */
public record SpooledDelivery(byte[] body, String signature, Instant receivedAt) {

    public SpooledDelivery {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        signature = signature == null ? "" : signature;
    }
}
