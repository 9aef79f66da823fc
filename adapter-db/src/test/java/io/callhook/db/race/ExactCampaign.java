package io.callhook.db.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.race.CampaignScenario.PlannedCall;
import io.callhook.db.store.PostgresUnitOfWork;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The exact state a {@link CampaignScenario} must leave in PostgreSQL once all its deliveries are in, whatever their
 * order, duplication and concurrency. Reads the tables with plain SQL where the point is to check what is stored
 * (counters against their recomputation from {@code calls}) and through the repositories where a domain value is
 * simpler to compare.
 */
final class ExactCampaign {

    private ExactCampaign() {
    }

    /** Every delivery came back, none threw, exactly one per distinct event was applied and the rest were duplicates. */
    static void assertOutcomes(Race.Results<IngestOutcome> race, int distinctEvents, int deliveries) {
        assertThat(race.failures()).as(race::describeFailures).isEmpty();
        assertThat(race.results()).hasSize(deliveries);
        Map<Class<?>, Long> byType = race.results().stream()
                .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertThat(byType).containsOnly(
                Map.entry(IngestOutcome.Applied.class, (long) distinctEvents),
                Map.entry(IngestOutcome.Duplicate.class, (long) (deliveries - distinctEvents)));
    }

    /** Counters, calls, contacts, attempts, inbox, completion and the other organisation, all exact. */
    static void assertStored(Jdbi jdbi, RaceWorld world, CampaignScenario scenario, int deliveriesPerEvent) {
        UnitOfWork store = new PostgresUnitOfWork(jdbi);
        CampaignProgress expected = scenario.expectedProgress();
        Map<String, PlannedCall> planned = scenario.calls().stream()
                .collect(Collectors.toMap(PlannedCall::callId, Function.identity()));

        // the counters: as computed from the plan, and as recomputed from the stored calls
        Campaign campaign = store.inTransaction((Stores s) -> s.campaigns().find(world.campaign().id())).orElseThrow();
        assertThat(campaign.progress()).as("campaign counters against the plan " + scenario.kindCounts())
                .isEqualTo(expected);
        assertThat(campaign.progress().processed()).isEqualTo(scenario.calls().size());
        CampaignProgress recomputed = recomputedFromCalls(jdbi, world);
        assertThat(recomputed).as("SQL aggregate over calls.outcome of the campaign").isEqualTo(expected);
        assertThat(countersColumns(jdbi, world)).as("counter columns against the SQL aggregate")
                .isEqualTo(asColumns(recomputed));

        // every call: linked to its own contact, with its kind's outcome
        Map<String, String> calls = jdbi.withHandle(h -> h.createQuery("""
                        SELECT call_id, contact_id::text || '/' || coalesce(outcome, '-') || '/'
                               || (call_successful IS TRUE) AS row
                        FROM calls WHERE campaign_id = :campaign
                        """)
                .bind("campaign", world.campaign().id().value())
                .reduceRows(new HashMap<String, String>(), (map, row) -> {
                    map.put(row.getColumn("call_id", String.class), row.getColumn("row", String.class));
                    return map;
                }));
        Map<String, String> expectedCalls = planned.values().stream().collect(Collectors.toMap(PlannedCall::callId,
                c -> c.contact().id() + "/" + wire(c.kind().outcome) + "/" + c.kind().successful));
        assertSameEntries("calls (contact/outcome/successful)", calls, expectedCalls);
        assertThat(count(jdbi, "SELECT count(*) FROM calls")).as("all calls are the campaign's").isEqualTo(calls.size());

        // every contact: closed by its one attempt
        Map<String, String> contacts = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id::text AS id, status || '/' || attempts || '/' || coalesce(last_outcome, '-') || '/'
                               || coalesce(next_attempt_at::text, '-') || '/'
                               || (CASE WHEN failure_reason IS NULL THEN 'no reason' ELSE 'reason' END) AS row
                        FROM campaign_contacts WHERE campaign_id = :campaign
                        """)
                .bind("campaign", world.campaign().id().value())
                .reduceRows(new HashMap<String, String>(), (map, row) -> {
                    map.put(row.getColumn("id", String.class), row.getColumn("row", String.class));
                    return map;
                }));
        Map<String, String> expectedContacts = planned.values().stream().collect(Collectors.toMap(
                c -> c.contact().id().toString(),
                c -> wire(c.kind().contactStatus()) + "/1/" + wire(c.kind().outcome) + "/-/"
                        + (c.kind().contactStatus() == ContactStatus.FAILED ? "reason" : "no reason")));
        assertSameEntries("contacts (status/attempts/last outcome/next attempt/failure reason)", contacts,
                expectedContacts);

        // one attempt per contact, numbered 1, for its call
        Map<String, String> attempts = jdbi.withHandle(h -> h.createQuery("""
                        SELECT call_id, contact_id::text || '/' || attempt_number || '/' || coalesce(outcome, '-') AS row
                        FROM campaign_contact_attempts
                        """)
                .reduceRows(new HashMap<String, String>(), (map, row) -> {
                    if (map.put(row.getColumn("call_id", String.class), row.getColumn("row", String.class)) != null) {
                        throw new AssertionError("two attempts for " + row.getColumn("call_id", String.class));
                    }
                    return map;
                }));
        assertSameEntries("attempts (contact/number/outcome)", attempts, planned.values().stream().collect(
                Collectors.toMap(PlannedCall::callId, c -> c.contact().id() + "/1/" + wire(c.kind().outcome))));

        // the inbox: one row per distinct event, applied, with every delivery counted
        String inbox = jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) || ' rows, ' || count(*) FILTER (WHERE status = 'applied') || ' applied, attempts '
                               || min(attempts) || '..' || max(attempts)
                        FROM webhook_events
                        """).mapTo(String.class).one());
        assertThat(inbox)
                .isEqualTo(scenario.distinctEvents().size() + " rows, " + scenario.distinctEvents().size()
                        + " applied, attempts " + deliveriesPerEvent + ".." + deliveriesPerEvent);

        // completed, exactly once, because no contact is open any more
        assertThat(store.inTransaction((Stores s) -> s.contacts().countOpen(world.campaign().id()))).isZero();
        assertThat(campaign.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(campaign.completedAt()).isEqualTo(RaceWorld.NOW);
        assertThat(count(jdbi, "SELECT count(*) FROM activity_logs WHERE entity_type = 'campaign' AND action = 'completed'"
                + " AND entity_id = '" + world.campaign().id() + "'")).as("'completed' activity entries").isEqualTo(1);

        // outbound calls notify nobody; the other organisation is untouched
        assertThat(count(jdbi, "SELECT count(*) FROM notifications")).isZero();
        assertOtherOrganizationUntouched(store, world);
    }

    /** Map equality that names only the differing keys (a 500-entry map in full is no help). */
    static <K extends Comparable<K>, V> void assertSameEntries(String what, Map<K, V> actual, Map<K, V> expected) {
        SortedSet<K> keys = new TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        List<String> differences = keys.stream()
                .filter(k -> !Objects.equals(actual.get(k), expected.get(k)))
                .map(k -> k + ": expected " + expected.get(k) + " but was " + actual.get(k))
                .toList();
        assertThat(differences.stream().limit(20).toList())
                .as("%s: %d of %d entries differ, the first ones", what, differences.size(), keys.size())
                .isEmpty();
    }

    static void assertOtherOrganizationUntouched(UnitOfWork store, RaceWorld world) {
        store.inTransaction((Stores s) -> {
            assertThat(s.contacts().find(world.otherContact().id())).contains(world.otherContact());
            assertThat(s.campaigns().find(world.otherCampaign().id())).contains(world.otherCampaign());
            assertThat(s.activity().find(world.other().id(), null, 0, 100)).isEmpty();
            assertThat(s.notifications().findForOrganization(world.other().id(), 0, 100)).isEmpty();
            return null;
        });
    }

    /** The campaign's counters recomputed by PostgreSQL from {@code calls.outcome} and {@code calls.call_successful}. */
    static CampaignProgress recomputedFromCalls(Jdbi jdbi, RaceWorld world) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT outcome, count(*) AS calls, count(*) FILTER (WHERE call_successful) AS successful
                        FROM calls WHERE campaign_id = :campaign
                        GROUP BY outcome
                        """)
                .bind("campaign", world.campaign().id().value())
                .reduceRows(CampaignProgress.ZERO, (sum, row) -> {
                    String outcome = row.getColumn("outcome", String.class);
                    long calls = row.getColumn("calls", Long.class);
                    long successful = row.getColumn("successful", Long.class);
                    return sum.plus(outcome == null
                            ? new CampaignProgress(0, successful, Map.of())
                            : new CampaignProgress(calls, successful,
                            Map.of(Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)), calls)));
                }));
    }

    /** The counter columns of the campaign row, by column name. */
    static Map<String, Long> countersColumns(Jdbi jdbi, RaceWorld world) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM call_campaigns WHERE id = :campaign")
                .bind("campaign", world.campaign().id().value())
                .map((rs, ctx) -> {
                    Map<String, Long> columns = new HashMap<>();
                    columns.put("processed", rs.getLong("processed"));
                    columns.put("successful", rs.getLong("successful"));
                    for (Outcome outcome : Outcome.values()) {
                        columns.put("outcome_" + wire(outcome), rs.getLong("outcome_" + wire(outcome)));
                    }
                    return columns;
                })
                .one());
    }

    private static Map<String, Long> asColumns(CampaignProgress progress) {
        Map<String, Long> columns = new HashMap<>();
        columns.put("processed", progress.processed());
        columns.put("successful", progress.successful());
        for (Outcome outcome : Outcome.values()) {
            columns.put("outcome_" + wire(outcome), progress.count(outcome));
        }
        return columns;
    }

    static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static String wire(Enum<?> value) {
        return Objects.requireNonNull(value).name().toLowerCase(Locale.ROOT);
    }
}
