package io.callhook.http.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.callhook.core.port.in.ApplyInboxUseCase;
import io.callhook.core.port.in.ApplyInboxUseCase.ApplyReport;
import io.callhook.core.port.out.InboxRepository.Backlog;
import io.callhook.http.webhook.WebhookMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one applier batch adds to the metrics, the notifications its inbound calls created included. */
class IngestionMetricsTest {

    private static final ApplyInboxUseCase NOTHING_WAITS = new ApplyInboxUseCase() {
        @Override
        public ApplyReport applyDue(int batchSize) {
            return ApplyReport.NOTHING_DUE;
        }

        @Override
        public Backlog backlog() {
            return Backlog.EMPTY;
        }
    };

    @Test
    void aBatchMarksItsAppliedFailedDeadLagsAndCreatedNotifications() {
        MetricRegistry registry = new MetricRegistry();
        IngestionMetrics metrics = new IngestionMetrics(registry, NOTHING_WAITS, Clock.systemUTC());

        metrics.record(new ApplyReport(5, List.of(Duration.ofMillis(3), Duration.ofMillis(7), Duration.ofMillis(9)),
                1, 1, 2));

        assertThat(registry.meter(IngestionMetrics.APPLIED).getCount()).isEqualTo(3);
        assertThat(registry.meter(IngestionMetrics.FAILED).getCount()).isEqualTo(1);
        assertThat(registry.meter(IngestionMetrics.DEAD).getCount()).isEqualTo(1);
        assertThat(registry.timer(IngestionMetrics.APPLY_LAG).getCount()).isEqualTo(3);
        assertThat(registry.meter(WebhookMetrics.NOTIFICATIONS_CREATED).getCount()).isEqualTo(2);
    }
}
