package io.callhook.http.stream;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.callhook.db.live.WebhookHealthReader;
import io.callhook.http.webhook.WebhookMetrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds this process's refused signatures to the shared per-minute table. The webhook never writes for unsigned input
 * (a flood of forged requests must not become a flood of database writes); it only marks its in-memory meters
 * ({@link WebhookMetrics}). This copies what the meters counted since the last flush, one upsert per reason at most,
 * so the dashboard shows every process's failures while the database work stays bounded by the flush interval.
 * Counts that could not be written are kept for the next flush.
 */
final class SignatureFailureFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureFailureFlusher.class);

    private final MetricRegistry metrics;
    private final WebhookHealthReader health;
    private final Clock clock;
    private final Map<String, Long> flushed = new HashMap<>();

    SignatureFailureFlusher(MetricRegistry metrics, WebhookHealthReader health, Clock clock) {
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
    }

    synchronized void flush() {
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, Long> deltas = new LinkedHashMap<>();
        for (String reason : WebhookHealthReader.REASONS) {
            Meter meter = metrics.getMeters().get(MetricRegistry.name(WebhookMetrics.SIGNATURE_FAILURES, reason));
            long total = meter == null ? 0 : meter.getCount();
            totals.put(reason, total);
            deltas.put(reason, total - flushed.getOrDefault(reason, 0L));
        }
        if (deltas.values().stream().allMatch(d -> d == 0)) {
            return;
        }
        try {
            health.addSignatureFailures(clock.instant(), deltas);
            flushed.putAll(totals);
        } catch (RuntimeException e) {
            LOG.warn("Could not record signature failures for the dashboard ({}); trying again at the next flush",
                    e.getClass().getSimpleName());
        }
    }
}
