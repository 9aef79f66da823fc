package io.callhook.http.ingestion;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.callhook.core.port.in.ApplyInboxUseCase;
import io.callhook.core.port.in.ApplyInboxUseCase.ApplyReport;
import io.callhook.core.port.out.InboxRepository.Backlog;
import io.callhook.http.webhook.WebhookMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the appliers do and what waits for them:
 * <ul>
 *   <li>{@code callhook.ingestion.applied}, {@code .failed}, {@code .dead} (meters): events applied (or ignored or
 *       rejected), failed for a retry, failed for the last time;</li>
 *   <li>{@code callhook.ingestion.apply_lag} (timer): from acknowledgement to application, per event;</li>
 *   <li>{@code callhook.notifications.created} (meter): notifications the applied events created;</li>
 *   <li>{@code callhook.ingestion.backlog.pending}, {@code .failed}, {@code .dead} (gauges) and
 *       {@code callhook.ingestion.oldest_pending_seconds} (gauge): read from the database at most once a second.</li>
 * </ul>
 * Acknowledged deliveries are counted by the webhook ({@code callhook.webhook.accepted}).
 */
public final class IngestionMetrics {

    public static final String APPLIED = "callhook.ingestion.applied";
    public static final String FAILED = "callhook.ingestion.failed";
    public static final String DEAD = "callhook.ingestion.dead";
    public static final String APPLY_LAG = "callhook.ingestion.apply_lag";
    public static final String BACKLOG = "callhook.ingestion.backlog";
    public static final String OLDEST_PENDING_SECONDS = "callhook.ingestion.oldest_pending_seconds";

    private final Meter applied;
    private final Meter failed;
    private final Meter dead;
    private final Meter notificationsCreated;
    private final Timer applyLag;
    private final CachedGauge<Optional<Backlog>> backlog;
    private final Clock clock;

    public IngestionMetrics(MetricRegistry registry, ApplyInboxUseCase inbox, Clock clock) {
        this.clock = clock;
        this.applied = registry.meter(APPLIED);
        this.failed = registry.meter(FAILED);
        this.dead = registry.meter(DEAD);
        // the webhook's meter of the same name: inbound calls notify users when their events are applied
        this.notificationsCreated = registry.meter(WebhookMetrics.NOTIFICATIONS_CREATED);
        this.applyLag = registry.timer(APPLY_LAG);
        this.backlog = new CachedGauge<>(1, TimeUnit.SECONDS) {
            @Override
            protected Optional<Backlog> loadValue() {
                try {
                    return Optional.of(inbox.backlog());
                } catch (RuntimeException unavailable) {
                    return Optional.empty(); // the database health check tells why
                }
            }
        };
        registry.register(MetricRegistry.name(BACKLOG, "pending"),
                (Gauge<Long>) () -> backlog().map(Backlog::pending).orElse(null));
        registry.register(MetricRegistry.name(BACKLOG, "failed"),
                (Gauge<Long>) () -> backlog().map(Backlog::failed).orElse(null));
        registry.register(MetricRegistry.name(BACKLOG, "dead"),
                (Gauge<Long>) () -> backlog().map(Backlog::dead).orElse(null));
        registry.register(OLDEST_PENDING_SECONDS,
                (Gauge<Double>) () -> backlog().map(b -> oldestPendingAge(b).toMillis() / 1000.0).orElse(null));
    }

    /** The backlog as last read (at most a second old), or empty when the database cannot be read. */
    Optional<Backlog> backlog() {
        return backlog.getValue();
    }

    /** How long the oldest pending event has waited; zero when none waits. */
    Duration oldestPendingAge(Backlog backlog) {
        if (backlog.oldestPending() == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(backlog.oldestPending(), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    void record(ApplyReport report) {
        if (report.applied() > 0) {
            applied.mark(report.applied());
        }
        report.lags().forEach(lag -> applyLag.update(lag.toNanos(), TimeUnit.NANOSECONDS));
        if (report.failed() > 0) {
            failed.mark(report.failed());
        }
        if (report.dead() > 0) {
            dead.mark(report.dead());
        }
        if (report.notificationsCreated() > 0) {
            notificationsCreated.mark(report.notificationsCreated());
        }
    }
}
