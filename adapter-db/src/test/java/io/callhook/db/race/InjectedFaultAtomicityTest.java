package io.callhook.db.race;

import static io.callhook.db.race.ExactCampaign.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.db.race.FaultyUnitOfWork.Point;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failure between two writes of one event (or of one batch) leaves no trace of it in any table: no call, no attempt,
 * no counter change, no inbox entry, no log line. Delivered again without the fault, the event is applied as if for
 * the first time.
 */
class InjectedFaultAtomicityTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    /** Warm pooled connections: opening one per unit of work would cost more than the tests themselves. */
    private static CountingPool connections;

    private RaceWorld world;
    private UnitOfWork store;
    private FaultyUnitOfWork faulty;
    private IngestWebhookUseCase service;

    @BeforeAll
    static void openConnections() {
        connections = CountingPool.open(DB, 2);
    }

    @AfterAll
    static void closeConnections() {
        connections.close();
    }

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        world = RaceWorld.create(3, RetryPolicy.defaults());
        store = new PostgresUnitOfWork(connections.jdbi());
        world.insertInto(store);
        faulty = new FaultyUnitOfWork(store);
        service = RaceWorld.service(faulty);
    }

    @ParameterizedTest
    @EnumSource(Point.class)
    void aFailureBetweenTwoWritesOfOneEventLeavesNoTrace(Point point) {
        Delivery callEnded = callEnded("call_a", 0);
        String before = trace();
        IllegalStateException injected = new IllegalStateException("injected at " + point);
        List<String> seenInsideTheTransaction = new ArrayList<>();
        faulty.arm(point, 0, 1, () -> injected, s -> seenInsideTheTransaction.add(
                "call " + s.calls().find(new CallId("call_a")).isPresent()
                        + ", inbox " + s.inbox().find("call:call_a:call_ended").isPresent()));

        assertThatThrownBy(() -> service.ingest(callEnded)).isSameAs(injected);

        assertThat(seenInsideTheTransaction).as("written before the fault struck").containsExactly("call true, inbox true");
        assertThat(trace()).isEqualTo(before);

        faulty.disarm();
        assertThat(service.ingest(callEnded)).isInstanceOf(IngestOutcome.Applied.class);
        assertAppliedOnce(world.contacts().get(0), callEnded);
    }

    @Test
    void aFailedBatchLeavesNoTraceOfTheEventsItHadAlreadyApplied() {
        List<Delivery> batch = List.of(callEnded("call_a", 0), callEnded("call_b", 1),
                new Delivery(RetellPayloads.callInbound("+13105550123", RaceWorld.OUR_NUMBER).callId("call_in")
                        .agentId(RaceWorld.RETELL_AGENT).bytes(), RaceWorld.NOW));
        String before = trace();
        IllegalStateException injected = new IllegalStateException("injected in the third event of the batch");
        List<String> seenInsideTheTransaction = new ArrayList<>();
        // the third append of activity entries: the first two events are completely written by then
        faulty.arm(Point.ACTIVITY_APPEND, 2, 1, () -> injected, s -> seenInsideTheTransaction.add(
                "calls " + present(s, "call_a", "call_b", "call_in") + ", notifications "
                        + s.notifications().findForOrganization(world.org().id(), 0, 10).size()));

        assertThatThrownBy(() -> service.ingestBatch(batch)).isSameAs(injected);

        assertThat(seenInsideTheTransaction).containsExactly("calls 3, notifications 3");
        assertThat(trace()).isEqualTo(before);

        faulty.disarm();
        assertThat(service.ingestBatch(batch)).allSatisfy(o -> assertThat(o).isInstanceOf(IngestOutcome.Applied.class));
        assertThat(inbox()).isEqualTo("3 rows, applied, attempts 3");
        assertThat(count(connections.jdbi(), "SELECT count(*) FROM notifications")).isEqualTo(3);
        assertThat(store.inTransaction((Stores s) -> s.campaigns().find(world.campaign().id())).orElseThrow()
                .progress()).isEqualTo(new CampaignProgress(2, 2, Map.of(Outcome.CONNECTED, 2L)));
    }

    /**
     * PostgreSQL rolled the transaction back (deadlock, serialization failure) after every write of the event: the unit
     * of work runs again from the start, and the event counts once.
     */
    @ParameterizedTest
    @ValueSource(strings = {"40P01", "40001"})
    void aTransactionRolledBackAfterAllItsWritesIsRunAgainAndCountsOnce(String sqlState) {
        Delivery callEnded = callEnded("call_a", 0);
        faulty.arm(Point.ACTIVITY_APPEND, 0, 1,
                () -> new IllegalStateException("wrapped", new SQLException("injected", sqlState)), s -> { });

        IngestOutcome outcome = service.ingest(callEnded);

        assertThat(faulty.fired()).isEqualTo(1);
        assertThat(outcome).isInstanceOf(IngestOutcome.Applied.class);
        assertAppliedOnce(world.contacts().get(0), callEnded);
    }

    /** What one successful delivery of a connected, successful call_ended of {@code contact} leaves. */
    private void assertAppliedOnce(Contact contact, Delivery delivery) {
        assertThat(inbox()).isEqualTo("1 rows, applied, attempts 1");
        assertThat(count(connections.jdbi(), "SELECT count(*) FROM calls")).isEqualTo(1);
        assertThat(count(connections.jdbi(), "SELECT count(*) FROM campaign_contact_attempts")).isEqualTo(1);
        InMemoryStore reference = new InMemoryStore();
        world.insertInto(reference);
        RaceWorld.service(reference).ingest(delivery);
        assertThat(count(connections.jdbi(), "SELECT count(*) FROM activity_logs")).isEqualTo(
                reference.inTransaction((Stores s) -> s.activity().find(null, null, 0, 1000)).size());
        store.inTransaction((Stores s) -> {
            assertThat(s.campaigns().find(world.campaign().id()).orElseThrow().progress())
                    .isEqualTo(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
            assertThat(s.contacts().find(contact.id()).orElseThrow().status()).isEqualTo(ContactStatus.COMPLETED);
            return null;
        });
    }

    private Delivery callEnded(String callId, int contactIndex) {
        Contact contact = world.contacts().get(contactIndex);
        long start = 1_790_006_400_000L;
        return new Delivery(RetellPayloads.callEvent("call_ended").callId(callId).agentId(RaceWorld.RETELL_AGENT)
                .fromNumber(RaceWorld.OUR_NUMBER).toNumber(contact.phoneNumber().value())
                .callStatus("ended").disconnectionReason("agent_hangup")
                .startMs(start).endMs(start + 90_000).durationMs(90_000).costCents("1.5")
                .callSuccessful(true).inVoicemail(false)
                .metadata("{\"campaign_id\":\"" + world.campaign().id() + "\",\"contact_id\":\"" + contact.id() + "\"}")
                .bytes(), RaceWorld.NOW);
    }

    private static long present(Stores stores, String... callIds) {
        return Arrays.stream(callIds).filter(id -> stores.calls().find(new CallId(id)).isPresent()).count();
    }

    /** Every row an event can write, summarised: rows per table, the campaign's counters, the contacts' states. */
    private String trace() {
        return connections.jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM calls) || ' calls, '
                    || (SELECT count(*) FROM webhook_events) || ' inbox, '
                    || (SELECT count(*) FROM campaign_contact_attempts) || ' attempts, '
                    || (SELECT count(*) FROM notifications) || ' notifications, '
                    || (SELECT count(*) FROM activity_logs) || ' log lines; counters '
                    || (SELECT string_agg(processed || '/' || successful || '/' || outcome_connected, ',' ORDER BY seq)
                        FROM call_campaigns) || '; contacts '
                    || (SELECT string_agg(status || '/' || attempts || '/' || coalesce(last_outcome, '-'), ','
                        ORDER BY seq) FROM campaign_contacts)
                    || '; campaigns ' || (SELECT string_agg(status, ',' ORDER BY seq) FROM call_campaigns)
                """).mapTo(String.class).one());
    }

    private static String inbox() {
        return connections.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) || ' rows, ' || string_agg(DISTINCT status, ',') || ', attempts ' || sum(attempts)
                FROM webhook_events
                """).mapTo(String.class).one());
    }
}
