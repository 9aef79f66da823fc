package io.callhook.db.race;

import static io.callhook.db.race.ExactCampaign.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.directory.User;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.notification.Notification;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One event delivered by 50 threads at the same instant, each on a connection of its own: the inbox lets exactly one
 * of them through, and what that one did is exactly what a single delivery does.
 */
class SameEventRaceTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private static final int THREADS = 50;

    /** A connection for every thread, opened up front. */
    private static CountingPool server;

    private RaceWorld world;
    private UnitOfWork store;

    @BeforeAll
    static void openConnections() {
        server = CountingPool.open(DB, THREADS);
    }

    @AfterAll
    static void closeConnections() {
        server.close();
    }

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        world = RaceWorld.create(3, RetryPolicy.defaults());
        store = new PostgresUnitOfWork(DB.jdbi());
        world.insertInto(store);
    }

    @Test
    void sameEventDeliveredFiftyTimesAtOnceIsRecordedOnce() {
        Contact contact = world.contacts().get(0);
        long start = 1_790_006_400_000L;
        byte[] callEnded = RetellPayloads.callEvent("call_ended").callId("call_once").agentId(RaceWorld.RETELL_AGENT)
                .direction("outbound").fromNumber(RaceWorld.OUR_NUMBER).toNumber(contact.phoneNumber().value())
                .callStatus("ended").disconnectionReason("agent_hangup")
                .startMs(start).endMs(start + 90_000).durationMs(90_000).costCents("1.5")
                .callSuccessful(true).inVoicemail(false)
                .metadata("{\"campaign_id\":\"" + world.campaign().id() + "\",\"contact_id\":\"" + contact.id() + "\"}")
                .bytes();
        SingleDelivery reference = SingleDelivery.of(world, callEnded);

        Race.Results<IngestOutcome> race = deliverAtOnce(callEnded);

        IngestOutcome.Applied applied = exactlyOneApplied(race);
        assertThat(applied.changes()).isEqualTo(reference.applied().changes());
        assertThat(inbox()).isEqualTo("1 rows, applied, attempts 50");
        assertThat(count(DB.jdbi(), "SELECT count(*) FROM calls")).isEqualTo(1);
        assertThat(count(DB.jdbi(), "SELECT count(*) FROM campaign_contact_attempts")).isEqualTo(1);
        store.inTransaction((Stores s) -> {
            assertThat(s.campaigns().find(world.campaign().id()).orElseThrow().progress())
                    .isEqualTo(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
            Contact after = s.contacts().find(contact.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(ContactStatus.COMPLETED);
            assertThat(after.attempts()).isEqualTo(1);
            assertThat(after.lastOutcome()).isEqualTo(Outcome.CONNECTED);
            assertThat(after).isEqualTo(reference.read(r -> r.contacts().find(contact.id()).orElseThrow()));
            assertThat(s.calls().find(new CallId("call_once")))
                    .isEqualTo(reference.read(r -> r.calls().find(new CallId("call_once"))));
            return null;
        });
        assertThat(activity(store)).isEqualTo(activity(reference.store()));
        ExactCampaign.assertOtherOrganizationUntouched(store, world);
    }

    @Test
    void sameInboundCallDeliveredFiftyTimesAtOnceNotifiesEachUserOnce() {
        byte[] inbound = RetellPayloads.callInbound("+13105550123", RaceWorld.OUR_NUMBER).callId("call_in_once")
                .agentId(RaceWorld.RETELL_AGENT).bytes();
        SingleDelivery reference = SingleDelivery.of(world, inbound);

        Race.Results<IngestOutcome> race = deliverAtOnce(inbound);

        IngestOutcome.Applied applied = exactlyOneApplied(race);
        assertThat(applied.changes()).hasSameSizeAs(reference.applied().changes());
        // every delivery, the duplicates too, got the same answer for Retell
        assertThat(race.results()).allSatisfy(outcome ->
                assertThat(outcome.inboundAnswer()).isEqualTo(reference.applied().inboundAnswer()).isPresent());
        assertThat(inbox()).isEqualTo("1 rows, applied, attempts 50");
        assertThat(count(DB.jdbi(), "SELECT count(*) FROM calls")).isEqualTo(1);
        assertThat(count(DB.jdbi(), "SELECT count(*) FROM notifications")).isEqualTo(3);
        List<Notification> notifications = store.inTransaction(
                (Stores s) -> s.notifications().findForOrganization(world.org().id(), 0, 100));
        assertThat(notifications).extracting(n -> n.userId() + " " + n.callId().value())
                .containsExactlyInAnyOrderElementsOf(world.ourUsers().stream().map(User::id)
                        .map(id -> id + " call_in_once").toList());
        assertThat(activity(store)).isEqualTo(activity(reference.store()));
        ExactCampaign.assertOtherOrganizationUntouched(store, world);
    }

    private Race.Results<IngestOutcome> deliverAtOnce(byte[] body) {
        IngestWebhookUseCase service = RaceWorld.service(new PostgresUnitOfWork(server.jdbi()));
        return Race.atOnce(THREADS, thread -> service.ingest(new Delivery(body, RaceWorld.NOW)));
    }

    private static IngestOutcome.Applied exactlyOneApplied(Race.Results<IngestOutcome> race) {
        assertThat(race.failures()).as(race::describeFailures).isEmpty();
        Map<Class<?>, Long> byType = race.results().stream()
                .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertThat(byType).containsOnly(Map.entry(IngestOutcome.Applied.class, 1L),
                Map.entry(IngestOutcome.Duplicate.class, (long) THREADS - 1));
        return race.results().stream().filter(IngestOutcome.Applied.class::isInstance)
                .map(IngestOutcome.Applied.class::cast).findFirst().orElseThrow();
    }

    private static String inbox() {
        return DB.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) || ' rows, ' || string_agg(DISTINCT status, ',') || ', attempts ' || sum(attempts)
                FROM webhook_events
                """).mapTo(String.class).one());
    }

    /**
     * The activity log without what differs between stores and runs: entry ids, and the ids of notifications (random
     * per delivery).
     */
    private static List<String> activity(UnitOfWork store) {
        return store.inTransaction((Stores s) -> s.activity().find(null, null, 0, 1000)).stream()
                .map(SameEventRaceTest::describe)
                .toList();
    }

    private static String describe(ActivityEntry e) {
        String entityId = e.entityType().equals("notification") ? "<id>" : e.entityId();
        return String.join(" | ", String.valueOf(e.organizationId()), e.entityType(), entityId, e.action(),
                e.eventName(), String.valueOf(e.callId()), String.valueOf(e.before()), String.valueOf(e.after()),
                e.occurredAt().toString());
    }

    /** The same world in the in-memory store, after one delivery of the body: what "recorded once" must look like. */
    private record SingleDelivery(InMemoryStore store, IngestOutcome.Applied applied) {

        static SingleDelivery of(RaceWorld world, byte[] body) {
            InMemoryStore store = new InMemoryStore();
            world.insertInto(store);
            IngestOutcome outcome = RaceWorld.service(store).ingest(new Delivery(body, RaceWorld.NOW));
            assertThat(outcome).isInstanceOf(IngestOutcome.Applied.class);
            return new SingleDelivery(store, (IngestOutcome.Applied) outcome);
        }

        <T> T read(Function<Stores, T> query) {
            return store.inTransaction(query);
        }
    }
}
