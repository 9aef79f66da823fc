package io.callhook.db.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The activity log as an ordered feed: entries strictly in {@code seq} order, each once, none skipped, across any
 * number of writing processes.
 *
 * <p>{@code seq} is an identity column: numbers are drawn when a row is inserted but become visible when its
 * transaction commits, so entry 11 can be visible while 10 is still in flight. A reader that moved past 11 would never
 * see 10. So the feed stops before a gap and remembers which transactions of this database were running: the one
 * holding the missing number drew it before 11's transaction committed, so it is among them (it has its transaction id
 * by the time its INSERT writes, which is within the same statement that drew the number). Once none of them is still
 * running and the number is still missing, it was rolled back, and the feed moves past it. No timing guess is
 * involved; only the transactions of this database count, so a long transaction elsewhere on the same PostgreSQL
 * server delays nothing, and a long one here delays the feed only while a gap is open. Running transactions are read
 * from {@code pg_stat_activity}, so every callhook process must connect as the same role (or one allowed to read all
 * statistics), as they do.
 *
 * <p>Reads run in a REPEATABLE READ read-only transaction, so the rows and the snapshot bounds agree, with a statement
 * timeout so a slow database cannot hold a stream's thread.
 */
public final class ActivityFeed {

    private static final String RUNNING = """
            SELECT backend_xid::text::bigint FROM pg_stat_activity
            WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
            """;
    private static final String ENTRIES = """
            SELECT seq, organization_id, entity_type, entity_id, action, call_id, occurred_at
            FROM activity_logs WHERE seq > :after ORDER BY seq LIMIT :limit
            """;

    private final Jdbi jdbi;
    private final int statementTimeoutMillis;

    /** @param statementTimeoutMillis longest a read may take before PostgreSQL cancels it */
    public ActivityFeed(Jdbi jdbi, int statementTimeoutMillis) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        if (statementTimeoutMillis < 1) {
            throw new IllegalArgumentException("statementTimeoutMillis must be positive");
        }
        this.statementTimeoutMillis = statementTimeoutMillis;
    }

    /** What one read found: the entries to send, in order, and where the next read starts. */
    public record Read(List<FeedEvent> events, FeedPosition next) {

        public Read {
            events = List.copyOf(events);
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * Announces that process {@code processId} has live streams open, until {@code ttl} from now; while any process is
     * announced, inserts into the activity log send the {@link ActivityWakeups#CHANNEL} notification (V4's trigger).
     */
    public void announceListener(UUID processId, Duration ttl) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO activity_listeners (process_id, expires_at)
                        VALUES (:process_id, now() + :ttl * interval '1 millisecond')
                        ON CONFLICT (process_id) DO UPDATE SET expires_at = excluded.expires_at
                        """)
                .bind("process_id", processId).bind("ttl", ttl.toMillis()).execute());
    }

    /** Withdraws the announcement (and drops expired ones of processes that went away without withdrawing). */
    public void withdrawListener(UUID processId) {
        jdbi.useHandle(h -> h.createUpdate(
                        "DELETE FROM activity_listeners WHERE process_id = :process_id OR expires_at < now()")
                .bind("process_id", processId).execute());
    }

    /** The position after the newest entry: a stream that starts now sends what happens from here on. */
    public FeedPosition head() {
        return jdbi.withHandle(h -> {
            h.execute("SET statement_timeout = " + statementTimeoutMillis);
            try {
                long max = h.createQuery("SELECT coalesce(max(seq), 0) FROM activity_logs").mapTo(Long.class).one();
                return FeedPosition.after(max);
            } finally {
                h.execute("RESET statement_timeout");
            }
        });
    }

    /** Reads at most {@code limit} entries after {@code from}, never past a gap that may still fill. */
    public Read read(FeedPosition from, int limit) {
        Objects.requireNonNull(from, "from");
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.execute("SET LOCAL statement_timeout = " + statementTimeoutMillis);
            List<FeedEvent> rows = h.createQuery(ENTRIES)
                    .bind("after", from.seq())
                    .bind("limit", limit)
                    .map(ActivityFeed::event)
                    .list();
            // read after the rows: whoever holds a number missing from them was running before, and still is or ended
            List<Long> running = h.createQuery(RUNNING).mapTo(Long.class).list();
            return advance(from, rows, running);
        });
    }

    /** The gap rule, apart from the database so it reads as what it is. */
    static Read advance(FeedPosition from, List<FeedEvent> rows, List<Long> running) {
        List<FeedEvent> out = new ArrayList<>();
        long seq = from.seq();
        Set<Long> holders = from.gapHolders();
        for (FeedEvent row : rows) {
            if (row.seq() != seq + 1) {
                if (holders == null) {
                    return new Read(out, FeedPosition.waitingFor(seq, running)); // first sighting: wait for them
                }
                if (running.stream().anyMatch(holders::contains)) {
                    return new Read(out, new FeedPosition(seq, holders)); // one may still commit the number
                }
                seq = row.seq() - 1; // all of them ended without it: the number will never appear
            }
            out.add(row);
            seq = row.seq();
            holders = null;
        }
        return new Read(out, new FeedPosition(seq, holders));
    }

    private static FeedEvent event(ResultSet rs, StatementContext ctx) throws SQLException {
        return new FeedEvent(rs.getLong("seq"), rs.getObject("organization_id", UUID.class),
                rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("action"),
                rs.getString("call_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
    }
}
