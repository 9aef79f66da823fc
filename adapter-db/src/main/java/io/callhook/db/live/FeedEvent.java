package io.callhook.db.live;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One activity-log entry as the stream sends it: what changed, not the values (those may be personal data; the page
 * reads them through the API).
 *
 * @param seq            the entry's position in the log ({@code activity_logs.seq}), the stream's event id
 * @param organizationId the organisation, or {@code null} for unattributed entries
 * @param callId         the Retell call id involved, or {@code null}
 */
public record FeedEvent(long seq, UUID organizationId, String entityType, String entityId, String action,
                        String callId, Instant occurredAt) {

    public FeedEvent {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
