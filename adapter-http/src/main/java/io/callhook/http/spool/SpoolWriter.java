package io.callhook.http.spool;

import io.callhook.db.FailureSummary;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the webhook keeps a verified delivery the database could not take. */
@FunctionalInterface
public interface SpoolWriter {

    /** No spool: such deliveries are answered 503. */
    SpoolWriter NONE = delivery -> false;

    /**
     * @return {@code true} once the delivery is durable in the spool (it may be acknowledged); {@code false} when it
     *         could not be kept (the spool is full or cannot be written)
     */
    boolean keep(SpooledDelivery delivery);

    /** Appends to {@code spool}, counting in {@code metrics}; logs refusals without the delivery's content. */
    static SpoolWriter of(Spool spool, SpoolMetrics metrics) {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(metrics, "metrics");
        Logger log = LoggerFactory.getLogger(SpoolWriter.class);
        return delivery -> {
            try {
                if (spool.append(delivery)) {
                    metrics.spooled();
                    return true;
                }
                metrics.refused();
                log.warn("The spool is full ({} of {} bytes); answering 503", spool.bytes(), spool.maxBytes());
                return false;
            } catch (IOException | RuntimeException e) {
                metrics.refused();
                log.error("Could not write a delivery to the spool; answering 503: {}", FailureSummary.of(e));
                return false;
            }
        };
    }
}
