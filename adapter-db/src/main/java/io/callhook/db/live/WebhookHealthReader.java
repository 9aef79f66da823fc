package io.callhook.db.live;

import static io.callhook.db.live.Timestamps.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads {@link WebhookHealth} for the last minutes from {@code webhook_events} (applied, rejected and ignored by the
 * minute they arrived, repeats by the minute of the latest repeat: {@code attempts - 1} per event) and from
 * {@code webhook_signature_failures}, which the server processes fill with their in-memory counts
 * ({@link #addSignatureFailures}); and the backlog and apply lag of the events behind the acknowledgement.
 */
public final class WebhookHealthReader {

    /** The reasons a signature is refused, as the metrics and the table name them. */
    public static final List<String> REASONS = List.of("missing", "malformed", "outside_window", "mismatch");

    private static final String DELIVERIES = """
            SELECT minute, sum(applied) AS applied, sum(duplicate) AS duplicate, sum(rejected) AS rejected,
                   sum(ignored) AS ignored
            FROM (
                SELECT date_trunc('minute', received_at) AS minute,
                       count(*) FILTER (WHERE status = 'applied') AS applied, 0 AS duplicate,
                       count(*) FILTER (WHERE status = 'rejected') AS rejected,
                       count(*) FILTER (WHERE status = 'ignored') AS ignored
                FROM webhook_events WHERE received_at >= :from GROUP BY 1
                UNION ALL
                SELECT date_trunc('minute', updated_at), 0, sum(attempts - 1), 0, 0
                FROM webhook_events WHERE updated_at >= :from AND attempts > 1 GROUP BY 1
            ) d GROUP BY minute
            """;

    /** Reads the small partial indexes of due and dead rows only, and the window's rows once. */
    private static final String INGESTION = """
            SELECT (SELECT count(*) FROM webhook_events WHERE status = 'pending') AS pending,
                   (SELECT count(*) FROM webhook_events WHERE status = 'failed') AS failed,
                   (SELECT count(*) FROM webhook_events WHERE status = 'dead') AS dead,
                   (SELECT floor(extract(epoch FROM now() - min(received_at)))::bigint
                    FROM webhook_events WHERE status = 'pending') AS oldest_pending_seconds,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag))::bigint AS lag_p50,
                   round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag))::bigint AS lag_p99
            FROM (SELECT extract(epoch FROM applied_at - received_at) * 1000 AS lag
                  FROM webhook_events
                  WHERE received_at >= :from AND status = 'applied' AND applied_at IS NOT NULL) applied
            """;

    private final Jdbi jdbi;
    private final Clock clock;
    private final int statementTimeoutMillis;

    public WebhookHealthReader(Jdbi jdbi, Clock clock, int statementTimeoutMillis) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.statementTimeoutMillis = statementTimeoutMillis;
    }

    /** The last {@code window} of whole minutes, up to and including the current one. */
    public WebhookHealth read(Duration window) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant from = now.minus(window).plus(Duration.ofMinutes(1));
        Map<Instant, long[]> byMinute = new TreeMap<>();
        for (Instant m = from; !m.isAfter(now); m = m.plus(Duration.ofMinutes(1))) {
            byMinute.put(m, new long[5]);
        }
        Map<String, Long> failures = new LinkedHashMap<>();
        REASONS.forEach(r -> failures.put(r, 0L));
        WebhookHealth.Ingestion[] ingestion = new WebhookHealth.Ingestion[1];
        jdbi.useTransaction(h -> {
            h.execute("SET LOCAL statement_timeout = " + statementTimeoutMillis);
            h.createQuery(DELIVERIES).bind("from", utc(from)).map((rs, ctx) -> {
                long[] row = byMinute.get(rs.getObject("minute", OffsetDateTime.class).toInstant());
                if (row != null) {
                    row[0] = rs.getLong("applied");
                    row[1] = rs.getLong("duplicate");
                    row[2] = rs.getLong("rejected");
                    row[3] = rs.getLong("ignored");
                }
                return row;
            }).list();
            h.createQuery("SELECT minute, reason, count FROM webhook_signature_failures WHERE minute >= :from")
                    .bind("from", utc(from)).map((rs, ctx) -> {
                        long count = rs.getLong("count");
                        failures.merge(rs.getString("reason"), count, Long::sum);
                        long[] row = byMinute.get(rs.getObject("minute", OffsetDateTime.class).toInstant());
                        if (row != null) {
                            row[4] += count;
                        }
                        return row;
                    }).list();
            ingestion[0] = h.createQuery(INGESTION).bind("from", utc(from)).map((rs, ctx) ->
                    new WebhookHealth.Ingestion(rs.getLong("pending"), rs.getLong("failed"), rs.getLong("dead"),
                            rs.getObject("oldest_pending_seconds", Long.class), rs.getObject("lag_p50", Long.class),
                            rs.getObject("lag_p99", Long.class))).one();
        });
        List<WebhookHealth.Minute> minutes = new ArrayList<>();
        byMinute.forEach((m, r) -> minutes.add(new WebhookHealth.Minute(m, r[0], r[1], r[2], r[3], r[4])));
        return new WebhookHealth(from, minutes, failures, ingestion[0]);
    }

    /**
     * Adds one process's refused signatures, counted in memory since its last call, to the minute {@code at} falls in.
     * Zero counts are left out.
     */
    public void addSignatureFailures(Instant at, Map<String, Long> countsByReason) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        jdbi.useTransaction(h -> countsByReason.forEach((reason, count) -> {
            if (count > 0) {
                h.createUpdate("""
                                INSERT INTO webhook_signature_failures (minute, reason, count) VALUES (:minute, :reason, :count)
                                ON CONFLICT (minute, reason) DO UPDATE
                                SET count = webhook_signature_failures.count + excluded.count
                                """)
                        .bind("minute", utc(minute)).bind("reason", reason).bind("count", count).execute();
            }
        }));
    }

}
