package io.callhook.acceptance;

import static io.callhook.acceptance.support.Fixtures.BOOKED;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CALL;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CONTACT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_AGENT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_NUMBER;
import static io.callhook.acceptance.support.Views.nonZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.ApiClient;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.acceptance.support.Management;
import io.callhook.acceptance.support.SignedWebhookClient;
import io.callhook.acceptance.support.Views;
import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellPayloads.CallEventBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retell delivers out of order, twice, and in parallel; callhook must end in exactly the state an orderly single
 * delivery gives. Each test starts from an empty database with one organisation, its outbound agent and a processing
 * campaign (retry no-answer, three attempts). Duplicates are answered 204 like first deliveries.
 */
class DuplicateAndOutOfOrderDeliveryTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    private static final int THREADS = 8;

    private static ExecutorService threads;
    private ApiClient api;
    private SignedWebhookClient retell;
    private Management manage;
    private String campaign;

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void freshCampaign() {
        server.truncateAll();
        api = server.api();
        retell = server.webhook();
        manage = new Management(api);
        String organization = manage.organization("Acme Dental").path("id").asText();
        String agent = manage.agent(organization, OUTBOUND_AGENT, "Recall").path("id").asText();
        manage.phoneNumber(organization, OUTBOUND_NUMBER, null);
        campaign = manage.campaign(organization, agent, "Recall", List.of("no_answer"), 3, 3600).path("id").asText();
    }

    @ParameterizedTest(name = "shuffle seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bookedLifecycleShuffledAndDuplicatedEndsAsIfDeliveredOnceInOrder(long seed) {
        addContacts(BOOKED_CONTACT);
        Random random = new Random(seed);
        List<byte[]> deliveries = new ArrayList<>();
        for (String fixture : BOOKED) {
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(Fixtures.bytes(fixture));
            }
        }
        Collections.shuffle(deliveries, random);
        long duplicatesBefore = duplicatesCounted();

        deliveries.forEach(body -> assertThat(retell.post(body).status()).isEqualTo(204));

        JsonNode call = json(api.get("/api/calls/" + BOOKED_CALL));
        assertThat(call.path("state").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo("connected");
        assertThat(call.path("cost_cents").decimalValue()).isEqualByComparingTo("43.945");
        assertThat(call.path("duration_ms").asLong()).isEqualTo(187_432L);
        assertThat(call.path("successful").asBoolean()).isTrue();
        assertThat(call.path("transcript").asText()).as("the final transcript, not the mid-call snapshot")
                .isEqualTo(transcriptOf("03-outbound-call_analyzed.json"));
        JsonNode contact = onlyContact();
        assertThat(contact.path("status").asText()).isEqualTo("completed");
        assertThat(contact.path("attempts").asInt()).isEqualTo(1);
        assertThat(counters()).isEqualTo(Map.of("processed", 1L, "successful", 1L, "connected", 1L));
        assertThat(inbox()).isEqualTo(new Inbox(4, deliveries.size()));
        assertThat(duplicatesCounted() - duplicatesBefore).isEqualTo(deliveries.size() - 4);
    }

    @Test
    void callStartedArrivingAfterTheEndDoesNotMoveTheCallBack() {
        addContacts(BOOKED_CONTACT);

        for (int i = BOOKED.size() - 1; i >= 0; i--) {
            assertThat(retell.post(Fixtures.bytes(BOOKED.get(i))).status()).isEqualTo(204);
        }

        JsonNode call = json(api.get("/api/calls/" + BOOKED_CALL));
        assertThat(call.path("state").asText()).isEqualTo("ended");
        assertThat(call.path("started_at").asText()).isNotEmpty();
        assertThat(onlyContact().path("status").asText()).isEqualTo("completed");
        assertThat(counters()).isEqualTo(Map.of("processed", 1L, "successful", 1L, "connected", 1L));
    }

    @Test
    void sameEventDeliveredFiftyTimesAtOnceIsStoredAndCountedOnce() throws Exception {
        addContacts(BOOKED_CONTACT);
        byte[] callEnded = Fixtures.bytes("02-outbound-call_ended.json");
        long duplicatesBefore = duplicatesCounted();

        List<Integer> statuses = concurrently(Collections.nCopies(50, callEnded));

        assertThat(statuses).containsOnly(204).hasSize(50);
        assertThat(counters()).isEqualTo(Map.of("processed", 1L, "connected", 1L, "successful", 0L));
        assertThat(onlyContact().path("attempts").asInt()).isEqualTo(1);
        assertThat(inbox()).isEqualTo(new Inbox(1, 50));
        assertThat(duplicatesCounted() - duplicatesBefore).isEqualTo(49);
        assertThat(server.rows("calls")).isEqualTo(1);
        assertThat(server.rows("campaign_contact_attempts")).isEqualTo(1);
    }

    /**
     * 60 calls of one campaign, a quarter each booked (successful), connected without success, voicemail and never
     * answered; every event delivered two or three times, all shuffled, from eight threads at once.
     */
    @Test
    void manyCallsShuffledDuplicatedAndConcurrentGiveExactCountersAndStatuses() throws Exception {
        int calls = 60;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            numbers.add(String.format("+1202555%04d", i));
        }
        Map<String, String> contactIds = addContacts(numbers.toArray(String[]::new));
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            events.addAll(lifecycle(i, campaign, numbers.get(i), contactIds.get(numbers.get(i))));
        }
        Random random = new Random(20260922L);
        List<byte[]> deliveries = new ArrayList<>();
        for (byte[] event : events) {
            for (int copies = 2 + random.nextInt(2); copies > 0; copies--) {
                deliveries.add(event);
            }
        }
        Collections.shuffle(deliveries, random);
        long duplicatesBefore = duplicatesCounted();

        List<Integer> statuses = concurrently(deliveries);

        assertThat(statuses).hasSize(deliveries.size()).containsOnly(204);
        assertThat(counters()).isEqualTo(Map.of("processed", 60L, "successful", 15L,
                "connected", 30L, "voicemail", 15L, "no_answer", 15L));
        JsonNode report = json(api.get("/api/campaigns/" + campaign));
        assertThat(report.path("status").asText()).isEqualTo("processing");
        assertThat(nonZero(report.path("contacts_by_status")))
                .isEqualTo(Map.of("completed", 30L, "failed", 15L, "retry_scheduled", 15L));
        assertThat(report.path("rates").path("success").asDouble()).isEqualTo(0.25);
        assertThat(report.path("rates").path("contact").asDouble()).isEqualTo(0.5);
        assertThat(server.rows("calls")).isEqualTo(60);
        assertThat(server.rows("campaign_contact_attempts")).isEqualTo(60);
        assertThat(inbox()).isEqualTo(new Inbox(events.size(), deliveries.size()));
        assertThat(duplicatesCounted() - duplicatesBefore).isEqualTo(deliveries.size() - events.size());
        List<Map<String, Object>> attempts = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT attempts, count(*) AS contacts FROM campaign_contacts GROUP BY attempts").mapToMap().list());
        assertThat(attempts).extracting(row -> row.get("attempts"), row -> row.get("contacts"))
                .containsExactly(tuple(1, 60L));
    }

    /** The events of call {@code i}: its kind is {@code i % 4}. */
    private static List<byte[]> lifecycle(int i, String campaignId, String number, String contactId) {
        CallEventBuilder base = RetellPayloads.callEvent("call_started")
                .callId(String.format("call_race_%04d", i)).agentId(OUTBOUND_AGENT)
                .fromNumber(OUTBOUND_NUMBER).toNumber(number)
                .metadata("{\"campaign_id\":\"" + campaignId + "\",\"contact_id\":\"" + contactId + "\"}");
        long start = 1_790_006_400_000L + i * 1_000L;
        return switch (i % 4) {
            case 0 -> connected(base, start, true);
            case 1 -> connected(base, start, false);
            case 2 -> List.of(
                    started(base, start),
                    ended(base, start, 30_000, "voicemail_reached").bytes(),
                    analyzed(ended(base, start, 30_000, "voicemail_reached"), false).inVoicemail(true).bytes());
            default -> List.of(
                    notConnected(base, "call_ended").bytes(),
                    analyzed(notConnected(base, "call_analyzed"), false).bytes());
        };
    }

    private static List<byte[]> connected(CallEventBuilder base, long start, boolean successful) {
        return List.of(
                started(base, start),
                ended(base, start, 60_000, "user_hangup").bytes(),
                analyzed(ended(base, start, 60_000, "user_hangup"), successful).bytes());
    }

    private static byte[] started(CallEventBuilder base, long start) {
        return base.startMs(start).bytes();
    }

    private static CallEventBuilder ended(CallEventBuilder base, long start, long duration, String reason) {
        return base.envelopeField("event", "\"call_ended\"").callStatus("ended").startMs(start)
                .endMs(start + duration).durationMs(duration).disconnectionReason(reason).costCents("12.5");
    }

    private static CallEventBuilder notConnected(CallEventBuilder base, String event) {
        return base.envelopeField("event", "\"" + event + "\"").callStatus("not_connected").durationMs(0)
                .disconnectionReason("dial_no_answer");
    }

    private static CallEventBuilder analyzed(CallEventBuilder ended, boolean successful) {
        return ended.envelopeField("event", "\"call_analyzed\"").callSuccessful(successful).userSentiment("Neutral");
    }

    private List<Integer> concurrently(List<byte[]> bodies) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>(bodies);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(threads.submit(() -> {
                go.await();
                List<Integer> statuses = new ArrayList<>();
                for (byte[] body = queue.poll(); body != null; body = queue.poll()) {
                    Answer answer = retell.post(body);
                    statuses.add(answer.status());
                }
                return statuses;
            }));
        }
        go.countDown();
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> worker : workers) {
            all.addAll(worker.get(2, TimeUnit.MINUTES));
        }
        return all;
    }

    private Map<String, String> addContacts(String... numbers) {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (String number : numbers) {
            contacts.add(Map.of("phone_number", number));
        }
        JsonNode added = manage.contacts(campaign, contacts);
        Map<String, String> ids = new HashMap<>();
        added.path("contacts").forEach(c -> ids.put(c.path("phone_number").asText(), c.path("id").asText()));
        assertThat(ids).hasSize(numbers.length);
        manage.status(campaign, "processing");
        return ids;
    }

    private JsonNode onlyContact() {
        JsonNode items = json(api.get("/api/campaigns/" + campaign + "/contacts")).path("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private Map<String, Long> counters() {
        return Views.counters(json(api.get("/api/campaigns/" + campaign)));
    }

    private static JsonNode json(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static String transcriptOf(String fixture) {
        return RetellPayloads.event(fixture) instanceof CallEvent event
                ? event.call().transcript() : null;
    }

    private static long duplicatesCounted() {
        return server.app().getEnvironment().metrics().meter("callhook.webhook.duplicates").getCount();
    }

    /** Rows in the inbox and the deliveries they add up to. */
    private record Inbox(long rows, long deliveries) {
    }

    private static Inbox inbox() {
        return server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) AS rows, coalesce(sum(attempts), 0) AS deliveries FROM webhook_events")
                .map((rs, ctx) -> new Inbox(rs.getLong("rows"), rs.getLong("deliveries"))).one());
    }
}
