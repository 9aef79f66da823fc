package io.callhook.db.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.contract.CallHistories;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Core's {@code IngestionOrderProperties} on PostgreSQL, with real concurrency added: for random campaigns and call
 * histories, delivering every event one to three times, shuffled, from four threads at once, yields the same calls,
 * contacts, attempts, campaign and notifications as delivering each event once in emission order, on PostgreSQL and on
 * the in-memory store alike; counters equal their recomputation from the calls; another organisation's records never
 * change; a further duplicate adds nothing.
 *
 * <p>Two schemas, one per way of delivering, emptied before every try. Few tries: each one costs real transactions.
 */
class PostgresDeliveryOrderProperties {

    private static final int THREADS = 4;

    private static TestDatabase orderedDatabase;
    private static TestDatabase chaoticDatabase;
    private static CountingPool ordered;
    private static CountingPool chaotic;

    @BeforeContainer
    static void createSchemas() {
        orderedDatabase = TestDatabase.create();
        chaoticDatabase = TestDatabase.create();
        ordered = CountingPool.open(orderedDatabase, 1);
        chaotic = CountingPool.open(chaoticDatabase, THREADS);
    }

    @AfterContainer
    static void dropSchemas() {
        try (TestDatabase a = orderedDatabase; TestDatabase b = chaoticDatabase; CountingPool c = ordered;
             CountingPool d = chaotic) {
            // closed in reverse order: pools first, then the schemas
        }
    }

    @BeforeTry
    void emptyTables() {
        orderedDatabase.truncateAll();
        chaoticDatabase.truncateAll();
    }

    @Property(tries = 15)
    void deliveryOrderDuplicatesAndConcurrencyDoNotChangeTheResult(
            @ForAll @IntRange(min = 1, max = 6) int contacts,
            @ForAll @IntRange(min = 0, max = 2) int inboundCalls,
            @ForAll long seed) {
        Random random = new Random(seed);
        RaceWorld world = RaceWorld.create(contacts, RetryPolicy.defaults());
        List<List<byte[]>> histories = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            histories.add(CallHistories.outbound(RaceWorld.RETELL_AGENT, RaceWorld.OUR_NUMBER,
                    world.campaign().id(), world.contacts().get(i), i, random));
        }
        for (int i = 0; i < inboundCalls; i++) {
            histories.add(CallHistories.inbound(RaceWorld.RETELL_AGENT, RaceWorld.OUR_NUMBER, i, random));
        }
        List<byte[]> inEmissionOrder = histories.stream().flatMap(List::stream).toList();
        List<Delivery> deliveries = new ArrayList<>();
        for (byte[] body : inEmissionOrder) {
            int copies = 1 + random.nextInt(3);
            for (int c = 0; c < copies; c++) {
                deliveries.add(new Delivery(body, RaceWorld.NOW));
            }
        }
        Collections.shuffle(deliveries, random);

        UnitOfWork inOrder = new PostgresUnitOfWork(ordered.jdbi());
        InMemoryStore inMemory = new InMemoryStore();
        UnitOfWork shuffled = new PostgresUnitOfWork(chaotic.jdbi());
        for (UnitOfWork store : List.of(inOrder, inMemory, shuffled)) {
            world.insertInto(store);
        }
        for (UnitOfWork store : List.of(inOrder, inMemory)) {
            IngestWebhookUseCase service = RaceWorld.service(store);
            inEmissionOrder.forEach(body -> service.ingest(new Delivery(body, RaceWorld.NOW)));
        }
        IngestWebhookUseCase racing = RaceWorld.service(shuffled);
        Race.Results<IngestOutcome> race = Race.drain(THREADS, deliveries, racing::ingest);

        assertThat(race.failures()).as(race::describeFailures).isEmpty();
        Snapshot expected = Snapshot.of(inOrder, world);
        assertThat(Snapshot.of(shuffled, world)).isEqualTo(expected);
        assertThat(Snapshot.of(inMemory, world)).isEqualTo(expected);
        CampaignProgress recomputed = shuffled.inTransaction((Stores s) -> s.calls().findByCampaign(
                world.campaign().id())).stream().map(CampaignProgress::of)
                .reduce(CampaignProgress.ZERO, CampaignProgress::plus);
        assertThat(expected.campaign().progress()).isEqualTo(recomputed)
                .isEqualTo(ExactCampaign.recomputedFromCalls(chaoticDatabase.jdbi(), world));
        ExactCampaign.assertOtherOrganizationUntouched(shuffled, world);

        int activityBefore = activity(shuffled);
        IngestOutcome again = racing.ingest(deliveries.get(random.nextInt(deliveries.size())));
        assertThat(again).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(activity(shuffled)).isEqualTo(activityBefore);
    }

    private static int activity(UnitOfWork store) {
        return store.inTransaction((Stores s) -> s.activity().find(null, null, 0, 100_000)).size();
    }

    /** Everything the property compares, without what differs between runs (notification ids). */
    private record Snapshot(Map<String, Call> calls, List<Contact> contacts, Map<ContactId, List<ContactAttempt>> attempts,
                            Campaign campaign, List<String> notifications) {

        static Snapshot of(UnitOfWork store, RaceWorld world) {
            return store.inTransaction((Stores s) -> {
                Map<String, Call> calls = new TreeMap<>();
                world.contacts().forEach(c -> s.contacts().attempts(c.id()).forEach(a ->
                        calls.put(a.callId().value(), s.calls().find(a.callId()).orElseThrow())));
                for (int i = 0; i < 3; i++) {
                    s.calls().find(new CallId("call_in_" + i)).ifPresent(c -> calls.put(c.id().value(), c));
                }
                List<Contact> contacts = world.contacts().stream()
                        .map(c -> s.contacts().find(c.id()).orElseThrow())
                        .toList();
                Map<ContactId, List<ContactAttempt>> attempts = world.contacts().stream()
                        .collect(Collectors.toMap(Contact::id, c -> s.contacts().attempts(c.id())));
                List<String> notifications = s.notifications().findForOrganization(world.org().id(), 0, 1000).stream()
                        .map(n -> n.userId() + "/" + n.callId() + "/" + n.fromNumber() + "/" + n.toNumber())
                        .sorted()
                        .toList();
                return new Snapshot(calls, contacts, attempts, s.campaigns().find(world.campaign().id()).orElseThrow(),
                        notifications);
            });
        }
    }
}
