package io.callhook.http.ops;

import com.codahale.metrics.Metered;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.callhook.http.webhook.WebhookMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-event and per-reason webhook metrics as single Prometheus families with a label, the way Prometheus
 * queries want them ({@code sum by (event) (...)}):
 * <ul>
 *   <li>{@code callhook_webhook_latency_seconds{event="call_ended",quantile="0.99"}} and {@code ..._count};</li>
 *   <li>{@code callhook_webhook_signature_failures_total{reason="mismatch"}}.</li>
 * </ul>
 * The generic Dropwizard bridge would export one family per event ({@code callhook_webhook_latency_call_ended}) and
 * cannot merge them, so these two families are left out of it and built here from the same registry.
 */
final class LabelledWebhookMetrics implements MultiCollector {

    static final String LATENCY_PREFIX = WebhookMetrics.LATENCY + ".";
    static final String SIGNATURE_FAILURES_PREFIX = WebhookMetrics.SIGNATURE_FAILURES + ".";
    private static final double NANOS_TO_SECONDS = 1.0 / TimeUnit.SECONDS.toNanos(1);

    private final MetricRegistry registry;

    LabelledWebhookMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Whether the generic bridge must leave this Dropwizard metric to this collector. */
    static boolean handles(String dropwizardName) {
        return dropwizardName.startsWith(LATENCY_PREFIX) || dropwizardName.startsWith(SIGNATURE_FAILURES_PREFIX);
    }

    @Override
    public MetricSnapshots collect() {
        SummarySnapshot.Builder latency = SummarySnapshot.builder()
                .name("callhook_webhook_latency_seconds")
                .help("Time from request to answer for stored webhook deliveries, by Retell event");
        for (Map.Entry<String, Timer> timer : registry.getTimers((name, m) -> name.startsWith(LATENCY_PREFIX))
                .entrySet()) {
            Snapshot snapshot = timer.getValue().getSnapshot();
            latency.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(Labels.of("event", timer.getKey().substring(LATENCY_PREFIX.length())))
                    .count(timer.getValue().getCount())
                    .quantiles(Quantiles.builder()
                            .quantile(0.5, snapshot.getMedian() * NANOS_TO_SECONDS)
                            .quantile(0.75, snapshot.get75thPercentile() * NANOS_TO_SECONDS)
                            .quantile(0.95, snapshot.get95thPercentile() * NANOS_TO_SECONDS)
                            .quantile(0.99, snapshot.get99thPercentile() * NANOS_TO_SECONDS)
                            .quantile(0.999, snapshot.get999thPercentile() * NANOS_TO_SECONDS)
                            .build())
                    .build());
        }

        CounterSnapshot.Builder signatureFailures = CounterSnapshot.builder()
                .name("callhook_webhook_signature_failures")
                .help("Webhook deliveries refused for their signature, by reason");
        for (Map.Entry<String, ? extends Metered> meter : registry.getMeters(
                (name, m) -> name.startsWith(SIGNATURE_FAILURES_PREFIX)).entrySet()) {
            signatureFailures.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("reason", meter.getKey().substring(SIGNATURE_FAILURES_PREFIX.length())))
                    .value(meter.getValue().getCount())
                    .build());
        }
        return MetricSnapshots.of(latency.build(), signatureFailures.build());
    }
}
