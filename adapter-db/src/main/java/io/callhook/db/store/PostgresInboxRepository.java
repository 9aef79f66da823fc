package io.callhook.db.store;

import static io.callhook.db.store.SqlValues.constant;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.name;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.StorableValues.text;

import io.callhook.core.port.out.InboxRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The webhook inbox in {@code webhook_events}. A claim is one {@code INSERT ... ON CONFLICT DO UPDATE}: a second
 * claimer of a key waits on the first one's uncommitted row, then counts its delivery on the committed entry (or inserts
 * its own if the first rolled back), so exactly one claim of a key returns {@code true}.
 */
final class PostgresInboxRepository implements InboxRepository {

    private static final String CLAIM = """
            INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, detail, attempts)
            VALUES (:dedupe_key, :event_type, :call_id, :body, :received_at, :status, :detail, :attempts)
            ON CONFLICT (dedupe_key) DO UPDATE SET attempts = webhook_events.attempts + 1, updated_at = now()
            RETURNING (xmax = 0) AS inserted
            """;

    private static final String COMPLETE = """
            UPDATE webhook_events SET status = :status, detail = :detail, updated_at = now()
            WHERE dedupe_key = :dedupe_key
            """;

    private final Handle handle;

    PostgresInboxRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean claim(InboxEntry entry) {
        // xmax is 0 on a freshly inserted row version and our transaction id on one the conflict branch updated
        return handle.createQuery(CLAIM)
                .bind("dedupe_key", text(entry.dedupeKey()))
                .bind("event_type", text(entry.eventName()))
                .bind("call_id", text(entry.callId()))
                .bind("body", entry.body())
                .bind("received_at", timestamp(entry.receivedAt()))
                .bind("status", name(entry.status()))
                .bind("detail", text(entry.detail()))
                .bind("attempts", entry.attempts())
                .mapTo(Boolean.class)
                .one();
    }

    @Override
    public void complete(String dedupeKey, InboxStatus status, String detail) {
        handle.createUpdate(COMPLETE)
                .bind("dedupe_key", text(dedupeKey))
                .bind("status", name(status))
                .bind("detail", text(detail))
                .execute();
    }

    @Override
    public Optional<InboxEntry> find(String dedupeKey) {
        return handle.createQuery("SELECT * FROM webhook_events WHERE dedupe_key = :dedupe_key")
                .bind("dedupe_key", text(dedupeKey))
                .map(PostgresInboxRepository::map)
                .findOne();
    }

    @Override
    public List<InboxEntry> findByStatus(InboxStatus status, int limit) {
        return handle.createQuery("""
                        SELECT * FROM webhook_events WHERE status = :status ORDER BY received_at, id LIMIT :limit
                        """)
                .bind("status", name(status))
                .bind("limit", limit)
                .map(PostgresInboxRepository::map)
                .list();
    }

    private static InboxEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new InboxEntry(
                rs.getString("dedupe_key"),
                rs.getString("event_type"),
                rs.getString("call_id"),
                rs.getBytes("body"),
                instant(rs, "received_at"),
                constant(InboxStatus.class, rs, "status"),
                rs.getString("detail"),
                rs.getInt("attempts"));
    }
}
