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
     * Webhook health over the last minutes, from the database (so every process shows the same). {@code ingestion} is
     * kept for the backlog and apply lag of asynchronous ingestion and is {@code null} until that exists.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Health(String from, List<Minute> minutes, Map<String, Long> signatureFailures, Object ingestion) {

        static Health of(WebhookHealth health) {
            return new Health(Wire.time(health.from()),
                    health.minutes().stream().map(m -> new Minute(Wire.time(m.minute()), m.applied(), m.duplicate(),
                            m.rejected(), m.ignored(), m.signatureFailures())).toList(),
                    health.signatureFailures(), null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Minute(String minute, long applied, long duplicate, long rejected, long ignored, long signatureFailures) {
    }
}
