package io.callhook.http.ingestion;

import com.codahale.metrics.health.HealthCheck;
import io.callhook.core.port.out.InboxRepository.Backlog;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ingestion}: unhealthy (degraded: webhooks are still acknowledged) when the oldest pending event has waited
 * longer than the configured bound ({@code CALLHOOK_INGESTION_MAX_LAG}), or when any event is dead and needs an
 * operator ({@code callhook replay --from-inbox --status dead}).
 */
public final class IngestionHealthCheck extends HealthCheck {

    /** Name under {@code /healthcheck} on the admin port. */
    public static final String NAME = "ingestion";

    private final IngestionMetrics metrics;
    private final Duration maxLag;

    public IngestionHealthCheck(IngestionMetrics metrics, Duration maxLag) {
        this.metrics = metrics;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        Optional<Backlog> read = metrics.backlog();
        if (read.isEmpty()) {
            return Result.unhealthy("The inbox backlog cannot be read (see the database health check).");
        }
        Backlog backlog = read.get();
        Duration age = metrics.oldestPendingAge(backlog);
        String summary = backlog.pending() + " pending, " + backlog.failed() + " failed, " + backlog.dead()
                + " dead; oldest pending waited " + age.toMillis() + " ms";
        if (backlog.dead() > 0) {
            return Result.unhealthy("Degraded: " + summary + ". Fix the cause, then run "
                    + "'callhook replay --from-inbox --status dead'.");
        }
        if (age.compareTo(maxLag) > 0) {
            return Result.unhealthy("Degraded: " + summary + " (more than " + maxLag.toMillis() + " ms): the appliers "
                    + "are not keeping up or not running.");
        }
        return Result.healthy(summary);
    }
}
