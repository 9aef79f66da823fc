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
 * @param ingestion         what waits to be applied behind the acknowledgement, and how long applying took
 */
public record WebhookHealth(Instant from, List<Minute> minutes, Map<String, Long> signatureFailures,
                            Ingestion ingestion) {

    public WebhookHealth {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(ingestion, "ingestion");
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

    /**
     * The inbox behind the acknowledgement, now, over every process.
     *
     * @param pending              accepted events not applied yet
     * @param failed               events whose last apply failed and that wait for their next attempt
     * @param dead                 events that failed their last attempt (replay them once the cause is fixed)
     * @param oldestPendingSeconds age of the oldest pending event, or {@code null} when none is pending
     * @param applyLagP50Millis    median time from acknowledgement to application of the events received in the
     *                             window, or {@code null} when none was applied
     * @param applyLagP99Millis    its 99th percentile, or {@code null}
     */
    public record Ingestion(long pending, long failed, long dead, Long oldestPendingSeconds, Long applyLagP50Millis,
                            Long applyLagP99Millis) {
    }
}
