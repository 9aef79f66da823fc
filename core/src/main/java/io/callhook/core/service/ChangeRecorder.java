package io.callhook.core.service;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.in.IngestOutcome.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Collects the state changes one event causes, both as activity-log entries and as the outcome's change list. */
final class ChangeRecorder {

    private final String eventName;
    private final String callId;
    private final Instant now;
    private final Supplier<UUID> ids;
    private final List<ActivityEntry> entries = new ArrayList<>();

    ChangeRecorder(String eventName, String callId, Instant now, Supplier<UUID> ids) {
        this.eventName = eventName;
        this.callId = callId;
        this.now = now;
        this.ids = ids;
    }

    void record(OrganizationId organizationId, String entityType, String entityId, String action, Object before,
                Object after) {
        entries.add(new ActivityEntry(ids.get(), organizationId, entityType, entityId, action, eventName, callId,
                text(before), text(after), now));
    }

    /** Enum values as the lower-case names the APIs use everywhere else. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : value.toString();
    }

    List<ActivityEntry> entries() {
        return List.copyOf(entries);
    }

    List<Change> changes() {
        return entries.stream()
                .map(e -> new Change(e.entityType(), e.entityId(), e.action(), e.before(), e.after()))
                .toList();
    }
}
