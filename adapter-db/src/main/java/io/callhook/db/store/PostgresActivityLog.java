package io.callhook.db.store;

import io.callhook.db.StorableValues;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.store.SqlValues.uuid;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.out.ActivityLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The audit trail in {@code activity_logs}; a unit of work's entries go in with one statement. */
final class PostgresActivityLog implements ActivityLog {

    /** Array parameters, one per column: one statement for any number of entries, in list order. */
    private static final String APPEND = """
            INSERT INTO activity_logs (id, organization_id, entity_type, entity_id, action, event_name, call_id,
                                       before_value, after_value, occurred_at)
            SELECT CAST(e.id AS uuid), CAST(e.organization_id AS uuid), e.entity_type, e.entity_id, e.action,
                   e.event_name, e.call_id, e.before_value, e.after_value, CAST(e.occurred_at AS timestamptz)
            FROM unnest(CAST(:ids AS text[]), CAST(:organization_ids AS text[]), CAST(:entity_types AS text[]),
                        CAST(:entity_ids AS text[]), CAST(:actions AS text[]), CAST(:event_names AS text[]),
                        CAST(:call_ids AS text[]), CAST(:before_values AS text[]), CAST(:after_values AS text[]),
                        CAST(:occurred_ats AS text[]))
                 WITH ORDINALITY AS e(id, organization_id, entity_type, entity_id, action, event_name, call_id,
                                      before_value, after_value, occurred_at, ord)
            ORDER BY e.ord
            """;

    private final Handle handle;
    private final boolean writeBehind;
    /** Entries appended but not written yet, in order. */
    private final List<ActivityEntry> unwritten = new ArrayList<>();

    PostgresActivityLog(Handle handle) {
        this(handle, false);
    }

    /** @param writeBehind hold entries back until {@link #flush()} (see {@link PostgresStores#writeBehind}) */
    PostgresActivityLog(Handle handle, boolean writeBehind) {
        this.handle = handle;
        this.writeBehind = writeBehind;
    }

    @Override
    public void append(List<ActivityEntry> entries) {
        if (writeBehind) {
            // append-only and not read back by the events of a batch: the whole unit of work's entries, one statement
            unwritten.addAll(entries);
            return;
        }
        insert(entries);
    }

    /** Writes the entries held back, in the order they were appended. */
    void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<ActivityEntry> entries = List.copyOf(unwritten);
        unwritten.clear();
        insert(entries);
    }

    private void insert(List<ActivityEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        String[] ids = new String[n];
        String[] organizationIds = new String[n];
        String[] entityTypes = new String[n];
        String[] entityIds = new String[n];
        String[] actions = new String[n];
        String[] eventNames = new String[n];
        String[] callIds = new String[n];
        String[] beforeValues = new String[n];
        String[] afterValues = new String[n];
        String[] occurredAts = new String[n];
        for (int i = 0; i < n; i++) {
            ActivityEntry e = entries.get(i);
            ids[i] = e.id().toString();
            organizationIds[i] = e.organizationId() == null ? null : e.organizationId().toString();
            entityTypes[i] = e.entityType();
            entityIds[i] = StorableValues.text(e.entityId());
            actions[i] = e.action();
            eventNames[i] = StorableValues.text(e.eventName());
            callIds[i] = StorableValues.text(e.callId());
            beforeValues[i] = StorableValues.text(e.before());
            afterValues[i] = StorableValues.text(e.after());
            occurredAts[i] = e.occurredAt().toString();
        }
        handle.createUpdate(APPEND)
                .bind("ids", ids)
                .bind("organization_ids", organizationIds)
                .bind("entity_types", entityTypes)
                .bind("entity_ids", entityIds)
                .bind("actions", actions)
                .bind("event_names", eventNames)
                .bind("call_ids", callIds)
                .bind("before_values", beforeValues)
                .bind("after_values", afterValues)
                .bind("occurred_ats", occurredAts)
                .execute();
    }

    @Override
    public List<ActivityEntry> find(OrganizationId organizationId, Instant since, int offset, int limit) {
        flush(); // read-your-writes
        // the filters are added only when given, so each variant gets a plan that uses its index
        List<String> conditions = new ArrayList<>();
        if (organizationId != null) {
            conditions.add("organization_id = :organization_id");
        }
        if (since != null) {
            conditions.add("occurred_at >= :since");
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        Query query = handle.createQuery("""
                SELECT * FROM activity_logs
                %s
                ORDER BY occurred_at, seq
                OFFSET :offset LIMIT :limit
                """.formatted(where))
                .bind("offset", offset)
                .bind("limit", limit);
        if (organizationId != null) {
            query.bind("organization_id", organizationId.value());
        }
        if (since != null) {
            query.bind("since", timestamp(since));
        }
        return query.map((rs, ctx) -> {
            UUID organization = uuid(rs, "organization_id");
            return new ActivityEntry(
                    uuid(rs, "id"),
                    organization == null ? null : new OrganizationId(organization),
                    rs.getString("entity_type"),
                    rs.getString("entity_id"),
                    rs.getString("action"),
                    rs.getString("event_name"),
                    rs.getString("call_id"),
                    rs.getString("before_value"),
                    rs.getString("after_value"),
                    instant(rs, "occurred_at"));
        }).list();
    }
}
