package io.callhook.acceptance.proof.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Everything ingestion decides, read from PostgreSQL in a canonical form, so that two runs that must end alike (one
 * order of delivery against another, a storm of duplicates against one delivery each) compare with {@code equals}, and
 * a difference names the rows.
 *
 * <p>Each table is a sorted list of its rows as JSON ({@code to_jsonb}, whose key order is fixed), without what
 * legitimately differs between two runs of the same events:
 * <ul>
 * <li>generated ids ({@code uuid}s, {@code seq}) — every UUID is replaced by the natural key of what it names
 *     ({@code org:<name>}, {@code user:<email>}, {@code agent:<retell id>}, {@code number:<e164>},
 *     {@code campaign:<name>}, {@code contact:<campaign>/<phone>}), in foreign keys and inside texts alike;</li>
 * <li>bookkeeping times ({@code created_at}, {@code updated_at}, the inbox's {@code received_at}, activity's
 *     {@code occurred_at}), and the inbox's applier bookkeeping ({@code claim_token}, {@code claimed_at},
 *     {@code next_attempt_at}; of {@code applied_at} only whether it is set), and the stored inbound decision compared as
 *     JSON, not as text (its key order is not fixed);</li>
 * <li>times that come from the receiving clock rather than from an event ({@code calls.outcome_seen_at}, and what is
 *     derived from it for a call Retell sends no end time for: {@code attempts.finished_at},
 *     {@code contacts.next_attempt_at}; a campaign's {@code completed_at}): only whether they are set is kept;</li>
 * <li>the inbox's {@code attempts}, which counts deliveries (see {@link #inboxAttempts(Jdbi)}) — the body is kept as its
 *     MD5.</li>
 * </ul>
 *
 * @param calls         {@code calls}
 * @param contacts      {@code campaign_contacts}
 * @param attempts      {@code campaign_contact_attempts}
 * @param campaigns     {@code call_campaigns}, counters included
 * @param notifications {@code notifications}
 * @param activity      {@code activity_logs}
 * @param inbox         {@code webhook_events}
 */
public record Snapshot(List<String> calls, List<String> contacts, List<String> attempts, List<String> campaigns,
                       List<String> notifications, List<String> activity, List<String> inbox) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Reads the whole canonical state in one transaction, so it is consistent even while deliveries go on. */
    public static Snapshot of(Jdbi jdbi) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            Map<String, String> names = naturalKeys(handle);
            return new Snapshot(
                    rows(handle, names, """
                            SELECT to_jsonb(t) - ARRAY['seq', 'created_at', 'updated_at', 'outcome_seen_at']
                                   || jsonb_build_object('outcome_seen', t.outcome_seen_at IS NOT NULL)
                            FROM calls t"""),
                    rows(handle, names, """
                            SELECT to_jsonb(t) - ARRAY['seq', 'created_at', 'updated_at', 'next_attempt_at']
                                   || jsonb_build_object('next_attempt', t.next_attempt_at IS NOT NULL)
                            FROM campaign_contacts t"""),
                    rows(handle, names, """
                            SELECT to_jsonb(t) - 'finished_at' || jsonb_build_object('finished', t.finished_at IS NOT NULL)
                            FROM campaign_contact_attempts t"""),
                    rows(handle, names, """
                            SELECT to_jsonb(t) - ARRAY['seq', 'created_at', 'completed_at']
                                   || jsonb_build_object('completed', t.completed_at IS NOT NULL)
                            FROM call_campaigns t"""),
                    rows(handle, names, """
                            SELECT to_jsonb(t) - ARRAY['seq', 'created_at', 'read_at']
                                   || jsonb_build_object('read', t.read_at IS NOT NULL)
                            FROM notifications t"""),
                    rows(handle, names, "SELECT to_jsonb(t) - ARRAY['seq', 'occurred_at'] FROM activity_logs t"),
                    rows(handle, names, """
                            SELECT to_jsonb(t) - ARRAY['id', 'body', 'received_at', 'updated_at', 'attempts',
                                                       'claim_token', 'claimed_at', 'next_attempt_at', 'applied_at',
                                                       'inbound_decision']
                                   || jsonb_build_object('body_md5', md5(t.body), 'applied', t.applied_at IS NOT NULL,
                                                         'inbound_decision', t.inbound_decision::jsonb)
                            FROM webhook_events t"""));
        });
    }

    /**
     * Whether every stored delivery has been dealt with (none still {@code received}, {@code pending} or
     * {@code failed}): deliveries are acknowledged after one write and applied behind the answer, so a snapshot is
     * final only once the appliers have caught up.
     */
    public static boolean settled(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM webhook_events WHERE status IN ('received', 'pending', 'failed')")
                .mapTo(Long.class).one()) == 0;
    }

    /** {@code call_id/event_type} of every stored delivery. */
    public static java.util.Set<String> storedEvents(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT call_id || '/' || event_type FROM webhook_events")
                .mapTo(String.class).set());
    }

    /** How many deliveries the inbox counted, per dedupe key. */
    public static Map<String, Integer> inboxAttempts(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT dedupe_key, attempts FROM webhook_events")
                .reduceRows(new HashMap<String, Integer>(), (map, row) -> {
                    map.put(row.getColumn("dedupe_key", String.class), row.getColumn("attempts", Integer.class));
                    return map;
                }));
    }

    /**
     * What differs from {@code expected}, table by table: the rows only it has ({@code missing}) and the rows only this
     * one has ({@code unexpected}), at most five of each per table; empty when both are equal.
     */
    public List<String> differencesFrom(Snapshot expected) {
        List<String> differences = new ArrayList<>();
        compare("calls", calls, expected.calls, differences);
        compare("contacts", contacts, expected.contacts, differences);
        compare("attempts", attempts, expected.attempts, differences);
        compare("campaigns", campaigns, expected.campaigns, differences);
        compare("notifications", notifications, expected.notifications, differences);
        compare("activity", activity, expected.activity, differences);
        compare("inbox", inbox, expected.inbox, differences);
        return differences;
    }

    private static void compare(String table, List<String> actual, List<String> expected, List<String> out) {
        List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<String> unexpected = new ArrayList<>(actual);
        expected.forEach(unexpected::remove);
        missing.stream().limit(5).forEach(row -> out.add(table + " missing:    " + row));
        unexpected.stream().limit(5).forEach(row -> out.add(table + " unexpected: " + row));
    }

    /**
     * The same state with the activity trail reduced to what does not depend on the order the events came in: which
     * entities were created. The trail records the path taken — the event that happens to arrive first creates the
     * call, a late {@code call_started} adds no state change — so two delivery orders legitimately leave different
     * trails, while everything else must be equal.
     */
    public Snapshot withActivityReducedToCreations() {
        List<String> created = activity.stream()
                .map(Snapshot::json)
                .filter(entry -> entry.path("action").asText().equals("created"))
                .map(entry -> entry.path("entity_type").asText() + " " + entry.path("entity_id").asText() + " "
                        + entry.path("after_value").asText().replaceAll("^(ongoing|ended|registered|not_connected)$",
                        "(state)"))
                .sorted()
                .toList();
        return new Snapshot(calls, contacts, attempts, campaigns, notifications, created, inbox);
    }

    private static JsonNode json(String row) {
        try {
            return JSON.readTree(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + row, e);
        }
    }

    /** Total rows, for progress messages. */
    public int size() {
        return calls.size() + contacts.size() + attempts.size() + campaigns.size() + notifications.size()
                + activity.size() + inbox.size();
    }

    private static Map<String, String> naturalKeys(Handle handle) {
        Map<String, String> names = new HashMap<>();
        handle.createQuery("""
                        SELECT id::text AS id, 'org:' || name AS name FROM organizations
                        UNION ALL SELECT id::text, 'user:' || email FROM user_profiles
                        UNION ALL SELECT id::text, 'agent:' || retell_agent_id FROM agents
                        UNION ALL SELECT id::text, 'number:' || e164 FROM phone_numbers
                        UNION ALL SELECT id::text, 'campaign:' || name FROM call_campaigns
                        UNION ALL SELECT c.id::text, 'contact:' || k.name || '/' || c.phone_number
                                  FROM campaign_contacts c JOIN call_campaigns k ON k.id = c.campaign_id
                        """)
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("name")))
                .forEach(e -> names.put(e.getKey(), e.getValue()));
        return names;
    }

    private static List<String> rows(Handle handle, Map<String, String> names, String sql) {
        return handle.createQuery(sql).mapTo(String.class).stream()
                .map(row -> withNaturalKeys(row, names))
                .sorted()
                .toList();
    }

    private static String withNaturalKeys(String row, Map<String, String> names) {
        Matcher m = UUID.matcher(row);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(names.getOrDefault(m.group(), "unknown-id")));
        }
        return m.appendTail(out).toString();
    }
}
