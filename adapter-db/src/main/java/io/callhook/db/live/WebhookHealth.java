package io.callhook.db.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Webhook deliveries per minute, summed over every server process (they are all in the database).
 *
 * @param minutes           one entry per minute of the window, oldest first, zeros included
 * @param signatureFailures refused signatures in the window by reason ({@code missing}, {@code malformed},
 *                          {@code outside_window}, {@code mismatch}); every reason present
 */
public record WebhookHealth(Instant from, List<Minute> minutes, Map<String, Long> signatureFailures) {

    public WebhookHealth {
        Objects.requireNonNull(from, "from");
        minutes = List.copyOf(minutes);
        signatureFailures = Map.copyOf(signatureFailures);
    }

    /**
     * One minute's deliveries.
     *
     * @param applied   first deliveries that changed the record
     * @param duplicate repeated deliveries of an event already stored (counted in the minute of the latest repeat)
     * @param rejected  signed deliveries that were not usable events
     * @param ignored   chat and unrecognised events
     * @param signatureFailures refused signatures, every reason together
     */
    public record Minute(Instant minute, long applied, long duplicate, long rejected, long ignored,
                         long signatureFailures) {
    }
}
