package io.callhook.db.store;

import static io.callhook.db.store.SqlValues.constant;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.name;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.StorableValues.text;

import io.callhook.core.port.out.InboundDecision;
import io.callhook.core.port.out.InboxRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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

    /**
     * Many claims in one statement, one row per key (a key delivered k times in the batch counts k attempts), locked in
     * key order ({@code COLLATE "C"}: the order the use case sorts keys in). Bodies travel as base64 text, which a
     * text array carries; received times as ISO-8601 text.
     */
    private static final String CLAIM_ALL = """
            INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, detail, attempts)
            SELECT e.dedupe_key, e.event_type, e.call_id, decode(e.body, 'base64'), CAST(e.received_at AS timestamptz),
                   e.status, e.detail, e.attempts
            FROM unnest(CAST(:dedupe_keys AS text[]), CAST(:event_types AS text[]), CAST(:call_ids AS text[]),
                        CAST(:bodies AS text[]), CAST(:received_ats AS text[]), CAST(:statuses AS text[]),
                        CAST(:details AS text[]), CAST(:attempts AS integer[]))
                 AS e(dedupe_key, event_type, call_id, body, received_at, status, detail, attempts)
            ORDER BY e.dedupe_key COLLATE "C"
            ON CONFLICT (dedupe_key) DO UPDATE SET attempts = webhook_events.attempts + excluded.attempts,
                                                   updated_at = now()
            RETURNING dedupe_key, (xmax = 0) AS inserted
            """;

    /** The whole accept path: one statement. A duplicate counts its delivery and returns the first one's decision. */
    private static final String ACCEPT = """
            INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, attempts,
                                        inbound_decision)
            VALUES (:dedupe_key, :event_type, :call_id, :body, :received_at, 'pending', 1, :inbound_decision)
            ON CONFLICT (dedupe_key) DO UPDATE SET attempts = webhook_events.attempts + 1, updated_at = now()
            RETURNING (xmax = 0) AS inserted, inbound_decision
            """;

    private static final String COMPLETE = """
            UPDATE webhook_events SET status = :status, detail = :detail, updated_at = now(), applied_at = now(),
                                      claim_token = NULL, claimed_at = NULL
            WHERE dedupe_key = :dedupe_key
            """;

    /** Many outcomes in one statement: one array per column, one element per entry. */
    private static final String COMPLETE_ALL = """
            UPDATE webhook_events w SET status = c.status, detail = c.detail, updated_at = now(), applied_at = now(),
                                        claim_token = NULL, claimed_at = NULL
            FROM unnest(CAST(:dedupe_keys AS text[]), CAST(:statuses AS text[]), CAST(:details AS text[]))
                 AS c(dedupe_key, status, detail)
            WHERE w.dedupe_key = c.dedupe_key
            """;

    /**
     * Oldest due rows first, skipping rows another claim is locking right now. MATERIALIZED makes PostgreSQL run the
     * limited, locking SELECT exactly once: written as {@code id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)} the
     * planner may run the subquery again per outer row and claim more than n rows.
     */
    private static final String CLAIM_DUE = """
            WITH due AS MATERIALIZED (
                SELECT id FROM webhook_events
                WHERE status IN ('pending', 'failed') AND next_attempt_at <= now()
                  AND (claimed_at IS NULL OR claimed_at < now() - CAST(:reclaim_after AS interval))
                ORDER BY next_attempt_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE webhook_events w SET claim_token = :token, claimed_at = now()
            FROM due WHERE w.id = due.id
            RETURNING w.dedupe_key, w.body, w.received_at, w.apply_attempts, w.inbound_decision,
                      w.next_attempt_at, w.id
            """;

    private static final String RELEASE = """
            UPDATE webhook_events SET claim_token = NULL, claimed_at = NULL
            WHERE claim_token = ANY(:tokens) AND status IN ('pending', 'failed')
            """;

    /** Row locks in key order (the global lock order; the sort runs below the locking step). */
    private static final String HOLD = """
            SELECT dedupe_key FROM webhook_events
            WHERE dedupe_key = ANY(:keys) AND claim_token = :token AND status IN ('pending', 'failed')
            ORDER BY dedupe_key
            FOR UPDATE
            """;

    private static final String FAIL = """
            UPDATE webhook_events
            SET status = :status, detail = :detail, apply_attempts = apply_attempts + 1, next_attempt_at = :next,
                claim_token = NULL, claimed_at = NULL, updated_at = now()
            WHERE dedupe_key = :dedupe_key AND claim_token = :token
            """;

    /** Counts over the two small partial indexes only, never over the applied rows. */
    private static final String BACKLOG = """
            SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
                   count(*) FILTER (WHERE status = 'failed') AS failed,
                   min(received_at) AS oldest,
                   (SELECT count(*) FROM webhook_events WHERE status = 'dead') AS dead
            FROM webhook_events WHERE status IN ('pending', 'failed')
            """;

    private final Handle handle;
    private final boolean writeBehind;
    /** Outcomes set but not written yet, by key (a later outcome of a key replaces an earlier one). */
    private final Map<String, Outcome> unwritten = new LinkedHashMap<>();

    PostgresInboxRepository(Handle handle) {
        this(handle, false);
    }

    /** @param writeBehind hold outcomes back until {@link #flush()} (see {@link PostgresStores#writeBehind}) */
    PostgresInboxRepository(Handle handle, boolean writeBehind) {
        this.handle = handle;
        this.writeBehind = writeBehind;
    }

    /** Writes the outcomes held back, in one statement. The rows are this unit of work's: claimed here, or held. */
    void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        int n = unwritten.size();
        String[] keys = new String[n];
        String[] statuses = new String[n];
        String[] details = new String[n];
        int i = 0;
        for (Map.Entry<String, Outcome> entry : unwritten.entrySet()) {
            keys[i] = text(entry.getKey());
            statuses[i] = name(entry.getValue().status());
            details[i] = text(entry.getValue().detail());
            i++;
        }
        unwritten.clear();
        handle.createUpdate(COMPLETE_ALL)
                .bind("dedupe_keys", keys)
                .bind("statuses", statuses)
                .bind("details", details)
                .execute();
    }

    @Override
    public Set<String> claimAll(List<InboxEntry> entries) {
        flush(); // whatever this reads or writes sees the outcomes set before
        Map<String, List<InboxEntry>> byKey = new TreeMap<>();
        entries.forEach(entry -> byKey.computeIfAbsent(text(entry.dedupeKey()), k -> new ArrayList<>()).add(entry));
        if (byKey.isEmpty()) {
            return Set.of();
        }
        int n = byKey.size();
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] callIds = new String[n];
        String[] bodies = new String[n];
        String[] receivedAts = new String[n];
        String[] statuses = new String[n];
        String[] details = new String[n];
        Integer[] attempts = new Integer[n];
        int i = 0;
        for (Map.Entry<String, List<InboxEntry>> key : byKey.entrySet()) {
            InboxEntry first = key.getValue().get(0);
            keys[i] = key.getKey();
            types[i] = text(first.eventName());
            callIds[i] = text(first.callId());
            bodies[i] = Base64.getEncoder().encodeToString(first.body());
            receivedAts[i] = first.receivedAt().toString();
            statuses[i] = name(first.status());
            details[i] = text(first.detail());
            attempts[i] = key.getValue().stream().mapToInt(InboxEntry::attempts).sum();
            i++;
        }
        Set<String> created = new HashSet<>();
        handle.createQuery(CLAIM_ALL)
                .bind("dedupe_keys", keys).bind("event_types", types).bind("call_ids", callIds)
                .bind("bodies", bodies).bind("received_ats", receivedAts).bind("statuses", statuses)
                .bind("details", details).bind("attempts", attempts)
                .map((rs, ctx) -> rs.getBoolean("inserted") ? rs.getString("dedupe_key") : null)
                .forEach(key -> {
                    if (key != null) {
                        created.add(key);
                    }
                });
        // the keys as the caller gave them: a key the store had to make storable maps back to the caller's
        Set<String> given = new HashSet<>();
        entries.forEach(entry -> {
            if (created.contains(text(entry.dedupeKey()))) {
                given.add(entry.dedupeKey());
            }
        });
        return given;
    }

    @Override
    public boolean claim(InboxEntry entry) {
        flush(); // whatever this reads or writes sees the outcomes set before
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
    public Acceptance accept(InboxEntry entry, InboundDecision decision) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return handle.createQuery(ACCEPT)
                .bind("dedupe_key", text(entry.dedupeKey()))
                .bind("event_type", text(entry.eventName()))
                .bind("call_id", text(entry.callId()))
                .bind("body", entry.body())
                .bind("received_at", timestamp(entry.receivedAt()))
                .bind("inbound_decision", decision == null ? null : text(decision.toJson()))
                .map((rs, ctx) -> new Acceptance(rs.getBoolean("inserted"), decision(rs)))
                .one();
    }

    @Override
    public Optional<InboxEntry> lock(String dedupeKey) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return findOne(dedupeKey, " FOR UPDATE");
    }

    @Override
    public List<PendingEntry> claimDue(UUID token, int limit, Duration reclaimAfter) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return handle.createQuery(CLAIM_DUE)
                .bind("token", token)
                .bind("limit", limit)
                .bind("reclaim_after", reclaimAfter.toMillis() + " milliseconds")
                .map((rs, ctx) -> new PendingEntry(rs.getString("dedupe_key"), rs.getBytes("body"),
                        instant(rs, "received_at"), rs.getInt("apply_attempts"), decision(rs)))
                .list()
                .stream()
                // RETURNING keeps no order: oldest first, as claimed
                .sorted(java.util.Comparator.comparing(PendingEntry::receivedAt))
                .toList();
    }

    @Override
    public List<String> hold(UUID token, List<String> dedupeKeys) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return handle.createQuery(HOLD)
                .bindArray("keys", String.class, dedupeKeys)
                .bind("token", token)
                .mapTo(String.class)
                .list();
    }

    @Override
    public void fail(String dedupeKey, UUID token, String reason, Instant nextAttemptAt, boolean dead) {
        flush(); // whatever this reads or writes sees the outcomes set before
        handle.createUpdate(FAIL)
                .bind("status", name(dead ? InboxStatus.DEAD : InboxStatus.FAILED))
                .bind("detail", reason)
                .bind("next", timestamp(nextAttemptAt))
                .bind("dedupe_key", dedupeKey)
                .bind("token", token)
                .execute();
    }

    @Override
    public int release(List<UUID> tokens) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return handle.createUpdate(RELEASE).bindArray("tokens", UUID.class, tokens).execute();
    }

    @Override
    public Backlog backlog() {
        flush(); // whatever this reads or writes sees the outcomes set before
        return handle.createQuery(BACKLOG)
                .map((rs, ctx) -> new Backlog(rs.getLong("pending"), rs.getLong("failed"), rs.getLong("dead"),
                        instant(rs, "oldest")))
                .one();
    }

    private static InboundDecision decision(ResultSet rs) throws SQLException {
        String json = rs.getString("inbound_decision");
        return json == null ? null : InboundDecision.fromJson(json);
    }

    @Override
    public void complete(String dedupeKey, InboxStatus status, String detail) {
        if (writeBehind) {
            // nothing in the unit of work reads the outcome back; one statement writes them all before commit
            unwritten.remove(dedupeKey);
            unwritten.put(dedupeKey, new Outcome(status, detail));
            return;
        }
        handle.createUpdate(COMPLETE)
                .bind("dedupe_key", text(dedupeKey))
                .bind("status", name(status))
                .bind("detail", text(detail))
                .execute();
    }

    @Override
    public Optional<InboxEntry> find(String dedupeKey) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return findOne(dedupeKey, "");
    }

    private Optional<InboxEntry> findOne(String dedupeKey, String locking) {
        return handle.createQuery("SELECT * FROM webhook_events WHERE dedupe_key = :dedupe_key" + locking)
                .bind("dedupe_key", text(dedupeKey))
                .map(PostgresInboxRepository::map)
                .findOne();
    }

    @Override
    public List<InboxEntry> findByStatus(InboxStatus status, int limit) {
        flush(); // whatever this reads or writes sees the outcomes set before
        return handle.createQuery("""
                        SELECT * FROM webhook_events WHERE status = :status ORDER BY received_at, id LIMIT :limit
                        """)
                .bind("status", name(status))
                .bind("limit", limit)
                .map(PostgresInboxRepository::map)
                .list();
    }

    /** An outcome held back. */
    private record Outcome(InboxStatus status, String detail) {
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
