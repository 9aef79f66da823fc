package io.callhook.core.port.out;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.directory.OrganizationId;
import java.time.Instant;
import java.util.List;

/** The audit trail; append-only. */
public interface ActivityLog {

    void append(List<ActivityEntry> entries);

    /**
     * Entries in the order they occurred, oldest first.
     *
     * @param organizationId only this organisation's entries, or all when {@code null}
     * @param since          only entries at or after this time, or all when {@code null}
     */
    List<ActivityEntry> find(OrganizationId organizationId, Instant since, int offset, int limit);
}
