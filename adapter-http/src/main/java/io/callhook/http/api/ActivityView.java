package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.activity.ActivityEntry;

/**
 * One line of the audit trail. {@code event} is the Retell event that caused the change, or {@code admin} for a
 * management command; {@code organization_id} is {@code null} for events that could not be attributed (e.g. an
 * {@code unknown_agent} entry).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityView(
        String id,
        String organizationId,
        String entityType,
        String entityId,
        String action,
        String event,
        String callId,
        String before,
        String after,
        String occurredAt) {

    public static ActivityView of(ActivityEntry entry) {
        return new ActivityView(
                entry.id().toString(),
                Wire.id(entry.organizationId()),
                entry.entityType(),
                entry.entityId(),
                entry.action(),
                entry.eventName(),
                entry.callId(),
                entry.before(),
                entry.after(),
                Wire.time(entry.occurredAt()));
    }
}
