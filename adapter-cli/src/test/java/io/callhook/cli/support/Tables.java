package io.callhook.cli.support;

import io.callhook.db.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replaying did to the database, as comparable text: the key columns of calls, campaign contacts, campaigns,
 * notifications and the inbox, with generated ids replaced by natural keys (campaign name, contact number, user
 * e-mail) so that two databases set up by separate imports compare equal. Left out on purpose: surrogate ids,
 * {@code seq}, {@code updated_at}, the inbox's {@code received_at} (the replay's time) and {@code attempts} (how often
 * an event was delivered: a replay of the same file counts one more).
 */
public final class Tables {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("calls", """
                SELECT c.call_id, c.state, c.outcome, cc.name AS campaign, ct.phone_number AS contact,
                       c.started_at, c.ended_at, c.duration_ms, c.disconnection_reason, c.cost_cents,
                       c.has_analysis, c.call_successful, c.in_voicemail, c.user_sentiment, c.transfer_destination,
                       c.transfer_ended_at, c.from_number, c.to_number, c.direction, c.retell_agent_id,
                       md5(coalesce(c.transcript, '')) AS transcript, c.field_ranks::text AS ranks
                FROM calls c
                LEFT JOIN call_campaigns cc ON cc.id = c.campaign_id
                LEFT JOIN campaign_contacts ct ON ct.id = c.contact_id
                ORDER BY c.call_id""");
        QUERIES.put("campaign_contacts", """
                SELECT cc.name AS campaign, ct.phone_number, ct.name, ct.variables::text, ct.status, ct.attempts,
                       ct.last_outcome, ct.next_attempt_at, ct.failure_reason
                FROM campaign_contacts ct JOIN call_campaigns cc ON cc.id = ct.campaign_id
                ORDER BY cc.name, ct.phone_number""");
        QUERIES.put("call_campaigns", """
                SELECT name, status, processed, successful, outcome_connected, outcome_voicemail, outcome_no_answer,
                       outcome_busy, outcome_declined, outcome_invalid_number, outcome_failed, outcome_spam_flagged,
                       outcome_platform_error, outcome_other, completed_at
                FROM call_campaigns ORDER BY name""");
        QUERIES.put("notifications", """
                SELECT u.email, n.call_id, n.from_number, n.to_number, n.read_at
                FROM notifications n JOIN user_profiles u ON u.id = n.user_id
                ORDER BY u.email, n.call_id""");
        QUERIES.put("webhook_events", """
                SELECT dedupe_key, event_type, call_id, md5(body) AS body, status, detail
                FROM webhook_events ORDER BY dedupe_key""");
    }

    private Tables() {
    }

    /** Table name → its rows, each row as {@code column=value|...}, in a stable order. */
    public static Map<String, List<String>> snapshot(TestDatabase db) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        db.jdbi().useHandle(handle -> QUERIES.forEach((table, sql) -> tables.put(table,
                handle.createQuery(sql).mapToMap().list().stream().map(Object::toString).toList())));
        return tables;
    }

    /** Rows per table. */
    public static Map<String, Integer> counts(TestDatabase db) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        snapshot(db).forEach((table, rows) -> counts.put(table, rows.size()));
        return counts;
    }

    /** {@code SELECT count(*) FROM table}. */
    public static long count(TestDatabase db, String table) {
        return db.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Long.class).one());
    }
}
