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
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellPayloads.CallEventBuilder;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
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

    private static final long START = 1_790_006_400_000L;
    private static final int THREADS = 4;
    private static final List<String> REASONS = List.of("agent_hangup", "user_hangup", "voicemail_reached",
            "dial_no_answer", "dial_busy", "user_declined", "dial_failed", "invalid_destination",
            "error_llm_websocket_open", "marked_as_spam", "reason_from_the_future");

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
            histories.add(outboundHistory(world, i, random));
        }
        for (int i = 0; i < inboundCalls; i++) {
            histories.add(inboundHistory(i, random));
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

    private static List<byte[]> outboundHistory(RaceWorld world, int index, Random random) {
        String callId = "call_out_" + index;
        String reason = REASONS.get(random.nextInt(REASONS.size()));
        boolean connected = List.of("agent_hangup", "user_hangup", "voicemail_reached").contains(reason);
        boolean viaMetadata = random.nextBoolean();
        Contact contact = world.contacts().get(index);
        Function<String, CallEventBuilder> event = name -> {
            CallEventBuilder b = RetellPayloads.callEvent(name).callId(callId).agentId(RaceWorld.RETELL_AGENT)
                    .direction("outbound").fromNumber(RaceWorld.OUR_NUMBER).toNumber(contact.phoneNumber().value());
            return viaMetadata
                    ? b.metadata("{\"campaign_id\":\"" + world.campaign().id() + "\",\"contact_id\":\"" + contact.id()
                    + "\"}")
                    : b;
        };
        long start = START + index * 1_000_000L;
        String terminalStatus = connected ? "ended" : reason.startsWith("error") ? "error" : "not_connected";
        boolean successful = connected && random.nextBoolean();
        boolean inVoicemail = reason.equals("voicemail_reached") || (connected && random.nextInt(4) == 0);
        List<byte[]> events = new ArrayList<>();
        if (connected) {
            events.add(event.apply("call_started").callStatus("ongoing").startMs(start).bytes());
            if (random.nextBoolean()) {
                events.add(event.apply("transcript_updated").callStatus("ongoing").startMs(start)
                        .transcript("Agent: Hello").bytes());
            }
        }
        CallEventBuilder ended = event.apply("call_ended").callStatus(terminalStatus).disconnectionReason(reason);
        CallEventBuilder analysed = event.apply("call_analyzed").callStatus(terminalStatus).disconnectionReason(reason)
                .callSuccessful(successful).inVoicemail(inVoicemail);
        if (connected) {
            long end = start + 60_000 + random.nextInt(100_000);
            ended = ended.startMs(start).endMs(end).durationMs(end - start).costCents("12.345")
                    .transcript("Agent: Hello\nUser: Hi");
            analysed = analysed.startMs(start).endMs(end).durationMs(end - start).costCents("12.345")
                    .transcript("Agent: Hello\nUser: Hi").callSummary("talked");
        } else {
            ended = ended.durationMs(0).costCents("0");
            analysed = analysed.durationMs(0).costCents("0");
        }
        events.add(ended.bytes());
        events.add(analysed.bytes());
        return events;
    }

    private static List<byte[]> inboundHistory(int index, Random random) {
        String callId = "call_in_" + index;
        String caller = "+1310555" + String.format("%04d", index);
        Function<String, CallEventBuilder> event = name -> RetellPayloads.callEvent(name).callId(callId)
                .agentId(RaceWorld.RETELL_AGENT).direction("inbound").fromNumber(caller)
                .toNumber(RaceWorld.OUR_NUMBER);
        List<byte[]> events = new ArrayList<>();
        if (random.nextBoolean()) {
            var inbound = RetellPayloads.callInbound(caller, RaceWorld.OUR_NUMBER).agentId(RaceWorld.RETELL_AGENT);
            events.add((random.nextBoolean() ? inbound.callId(callId) : inbound).bytes());
        }
        events.add(event.apply("call_started").callStatus("ongoing").startMs(START).bytes());
        events.add(event.apply("call_ended").callStatus("ended").disconnectionReason("user_hangup").startMs(START)
                .endMs(START + 30_000).bytes());
        events.add(event.apply("call_analyzed").callStatus("ended").disconnectionReason("user_hangup")
                .startMs(START).endMs(START + 30_000).callSuccessful(true).bytes());
        return events;
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
