package io.callhook.http.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.db.live.FeedEvent;
import io.callhook.db.live.WebhookHealth;
import io.callhook.http.api.Wire;
import java.util.List;
import java.util.Map;

/** The JSON each kind of stream event carries, and which event name an activity entry is sent under. */
final class StreamEvents {

    private StreamEvents() {
    }

    /** {@code call}, {@code campaign} (campaigns and their contacts), {@code notification}, else {@code activity}. */
    static String name(FeedEvent event) {
        return switch (event.entityType()) {
            case "call" -> "call";
            case "campaign", "contact" -> "campaign";
            case "notification" -> "notification";
            default -> "activity";
        };
    }

    /** An activity entry: what changed and where, no values (the page reads those through the API). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Change(long seq, String organizationId, String entityType, String entityId, String action, String callId,
                  String occurredAt) {

        static Change of(FeedEvent event) {
            return new Change(event.seq(), event.organizationId() == null ? null : event.organizationId().toString(),
                    event.entityType(), event.entityId(), event.action(), event.callId(),
                    Wire.time(event.occurredAt()));
        }
    }

    /** Sent first on every stream: the position it starts after (also its event id). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Ready(long after, boolean resumed) {
    }

    /**
     * Webhook health over the last minutes, from the database (so every process shows the same), with the backlog
     * behind the acknowledgement and the apply lag.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Health(String from, List<Minute> minutes, Map<String, Long> signatureFailures, Ingestion ingestion) {

        static Health of(WebhookHealth health) {
            WebhookHealth.Ingestion i = health.ingestion();
            return new Health(Wire.time(health.from()),
                    health.minutes().stream().map(m -> new Minute(Wire.time(m.minute()), m.applied(), m.duplicate(),
                            m.rejected(), m.ignored(), m.signatureFailures())).toList(),
                    health.signatureFailures(), new Ingestion(i.pending(), i.failed(), i.dead(),
                            i.oldestPendingSeconds(), i.applyLagP50Millis(), i.applyLagP99Millis()));
        }
    }

    /** {@code null} ages and lags: nothing pending, or nothing applied in the window. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Ingestion(long pending, long failed, long dead, Long oldestPendingSeconds, Long applyLagP50Ms,
                     Long applyLagP99Ms) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Minute(String minute, long applied, long duplicate, long rejected, long ignored, long signatureFailures) {
    }
}
