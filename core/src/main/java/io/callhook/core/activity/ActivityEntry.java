package io.callhook.core.activity;

import io.callhook.core.directory.OrganizationId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of the audit trail: a state change, which organisation and record it touched, the event that caused it and
 * the values before and after where that applies. A duplicate delivery adds none.
 *
 * @param organizationId the organisation, or {@code null} when the event could not be attributed (unknown agent or
 *                       number)
 * @param entityType     kind of record: {@code call}, {@code contact}, {@code campaign}, {@code notification},
 *                       {@code agent}, {@code phone_number}, {@code inbox}
 * @param entityId       id of that record
 * @param action         what happened, e.g. {@code created}, {@code state_changed}, {@code status_changed},
 *                       {@code progress_changed}, {@code completed}, {@code unknown_agent}
 * @param eventName      the Retell event that caused it, or a management action such as {@code api}
 * @param callId         the Retell call id involved, or {@code null}
 * @param before         value before, or {@code null}
 * @param after          value after, or {@code null}
 * @param occurredAt     when callhook made the change
 */
public record ActivityEntry(UUID id, OrganizationId organizationId, String entityType, String entityId, String action,
                            String eventName, String callId, String before, String after, Instant occurredAt) {

    public ActivityEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
