package io.callhook.http.spool;

import com.codahale.metrics.health.HealthCheck;
import java.util.Objects;

/**
 * {@code spool}: healthy when the spool is empty or draining; unhealthy when it is full or cannot be written, because
 * then deliveries the database cannot take are answered 503 again (and Retell gives up after a few retries).
 */
public final class SpoolHealthCheck extends HealthCheck {

    /** Name under {@code /healthcheck} on the admin port. */
    public static final String NAME = "spool";

    private final Spool spool;
    private final SpoolMetrics metrics;

    public SpoolHealthCheck(Spool spool, SpoolMetrics metrics) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    protected Result check() {
        long depth = spool.depth();
        String summary = depth + " deliveries waiting, " + spool.bytes() + " of " + spool.maxBytes()
                + " bytes; oldest waited " + metrics.oldestAge().toMillis() + " ms";
        if (spool.isFull()) {
            return Result.unhealthy("Full: " + summary + ". Deliveries the database cannot take are answered 503 "
                    + "until the spool drains.");
        }
        if (spool.hasWriteFailed()) {
            return Result.unhealthy("The spool could not be written: " + summary + ".");
        }
        return Result.healthy(depth == 0 ? "Empty" : "Draining: " + summary);
    }
}
