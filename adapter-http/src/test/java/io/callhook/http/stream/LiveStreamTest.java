package io.callhook.http.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.db.testing.TestDatabase;
import io.callhook.http.CallhookConfiguration;
import io.callhook.http.support.Api;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.SseClient;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/stream} on two real servers sharing one PostgreSQL schema, as two processes behind a load balancer
 * would: events in log order with their {@code seq} as id, resumption with {@code Last-Event-ID}, authentication by
 * token or single-use ticket (issued by either server), heartbeats, the subscriber bound, health from every process.
 */
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = TestDatabase.create();

    private static ConfigOverride[] live() {
        return new ConfigOverride[] {
            ConfigOverride.config("stream.maxSubscribers", "3"),
            ConfigOverride.config("stream.heartbeatInterval", "300ms"),
            ConfigOverride.config("stream.healthInterval", "300ms"),
            ConfigOverride.config("stream.pollInterval", "5s"), // wake-ups, not polls, must bring events quickly
        };
    }

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallhookConfiguration> A = TestServers.onDatabase(DB, live());

    @RegisterExtension
    @Order(3)
    static final DropwizardAppExtension<CallhookConfiguration> B = TestServers.onDatabase(DB, live());

    private static final Api API_A = new Api(A::getLocalPort);
    private static final Api API_B = new Api(B::getLocalPort);
    private static final String BEARER = "Bearer " + TestServers.API_TOKEN;

    private final List<SseClient> open = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        open.forEach(SseClient::close);
    }

    private SseClient stream(int port, String path, String... headers) {
        SseClient client = SseClient.open(port, path, headers);
        open.add(client);
        return client;
    }

    private SseClient ready(SseClient client) {
        if (client.status() != 200) {
            throw new AssertionError("stream refused: " + client.status() + " " + client.body());
        }
        await().atMost(WAIT).until(() -> !client.events("ready").isEmpty());
        return client;
    }

    private static List<String> names(List<SseClient.Event> events) {
        return events.stream().map(e -> e.name() + " " + Api.parse(e.data()).path("entity_type").asText() + " "
                + Api.parse(e.data()).path("action").asText()).toList();
    }

    private static String setUpCampaign(Api api, String agentId) {
        String org = api.post("/api/organizations", "{\"name\":\"Acme Dental\"}").text("id");
        String agent = api.post("/api/organizations/" + org + "/agents",
                "{\"retell_agent_id\":\"" + agentId + "\",\"name\":\"Recall\"}").text("id");
        String campaign = api.post("/api/organizations/" + org + "/campaigns",
                "{\"agent_id\":\"" + agent + "\",\"name\":\"September recall\"}").text("id");
        assertThat(api.post("/api/campaigns/" + campaign + "/status", "{\"status\":\"processing\"}").status())
                .isEqualTo(200);
        return campaign;
    }

    @Test
    void changesArriveInLogOrderWithTheirSeqAsEventId() {
        SseClient client = ready(stream(A.getLocalPort(), "/api/stream", "Authorization", BEARER));

        String campaign = setUpCampaign(API_A, "agent_stream_order");

        await().atMost(WAIT).until(() -> client.changes().size() >= 4);
        List<SseClient.Event> changes = client.changes();
        assertThat(names(changes)).containsExactly("activity organization created", "activity agent created",
                "campaign campaign created", "campaign campaign status_changed");
        long first = Long.parseLong(changes.get(0).id());
        assertThat(changes).extracting(SseClient.Event::id)
                .containsExactly(Long.toString(first), Long.toString(first + 1), Long.toString(first + 2),
                        Long.toString(first + 3));
        assertThat(Long.parseLong(client.events("ready").get(0).id())).isLessThan(first);
        JsonNode statusChange = Api.parse(changes.get(3).data());
        assertThat(statusChange.path("entity_id").asText()).isEqualTo(campaign);
        assertThat(statusChange.has("before")).as("values stay behind the API").isFalse();
    }

    @Test
    void aStreamResumedWithLastEventIdSendsOnlyWhatCameAfterIt() {
        SseClient first = ready(stream(A.getLocalPort(), "/api/stream", "Authorization", BEARER));
        setUpCampaign(API_A, "agent_stream_resume");
        await().atMost(WAIT).until(() -> first.changes().size() >= 4);
        first.close();
        String secondId = first.changes().get(1).id();

        SseClient resumed = ready(stream(B.getLocalPort(), "/api/stream", "Authorization", BEARER,
                "Last-Event-ID", secondId));

        await().atMost(WAIT).until(() -> resumed.changes().size() >= 2);
        assertThat(resumed.events("ready").get(0).id()).isEqualTo(secondId);
        assertThat(resumed.changes()).extracting(SseClient.Event::id)
                .containsExactly(first.changes().get(2).id(), first.changes().get(3).id());
    }

    @Test
    void aStreamOnOneServerCarriesWhatTheOtherServerWrote() {
        SseClient onA = ready(stream(A.getLocalPort(), "/api/stream", "Authorization", BEARER));

        String campaign = setUpCampaign(API_B, "agent_stream_two_servers");

        await().atMost(WAIT).until(() -> onA.changes().size() >= 4);
        assertThat(Api.parse(onA.changes().get(3).data()).path("entity_id").asText()).isEqualTo(campaign);
    }

    @Test
    void aTicketFromOneServerOpensOneStreamOnTheOther() {
        Api.Answer issued = API_B.post("/api/stream-tickets", "");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        String ticket = issued.text("ticket");

        SseClient withTicket = ready(stream(A.getLocalPort(), "/api/stream?ticket=" + ticket));
        SseClient again = stream(A.getLocalPort(), "/api/stream?ticket=" + ticket);

        assertThat(withTicket.header("Content-Type")).startsWith("text/event-stream");
        assertThat(again.status()).isEqualTo(401);
        assertThat(Api.parse(again.body()).path("error").asText()).isEqualTo("invalid_ticket");
    }

    @Test
    void withoutTokenOrWithAWrongOneTheStreamIsRefused() {
        SseClient none = stream(A.getLocalPort(), "/api/stream");
        SseClient wrong = stream(A.getLocalPort(), "/api/stream", "Authorization", "Bearer not-the-token");
        SseClient forged = stream(A.getLocalPort(), "/api/stream?ticket=forged");
        int ticketWithoutToken = Http.post(A.getLocalPort(), "/api/stream-tickets", new byte[0]).statusCode();

        assertThat(none.status()).isEqualTo(401);
        assertThat(Api.parse(none.body()).path("error").asText()).isEqualTo("unauthorized");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(Api.parse(wrong.body()).path("error").asText()).isEqualTo("invalid_token");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(ticketWithoutToken).isEqualTo(401);
    }

    @Test
    void aMalformedLastEventIdIsAClearBadRequest() {
        SseClient client = stream(A.getLocalPort(), "/api/stream", "Authorization", BEARER, "Last-Event-ID", "abc");

        assertThat(client.status()).isEqualTo(400);
        assertThat(Api.parse(client.body()).path("field").asText()).isEqualTo("Last-Event-ID");
    }

    @Test
    void anIdleStreamSendsHeartbeatComments() {
        SseClient client = ready(stream(A.getLocalPort(), "/api/stream", "Authorization", BEARER));

        await().atMost(WAIT).until(() -> client.comments().size() >= 2);
        assertThat(client.comments()).allMatch("keep-alive"::equals);
    }

    @Test
    void beyondTheSubscriberBoundAServerAnswers503UntilAStreamCloses() {
        List<SseClient> held = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            SseClient next = stream(B.getLocalPort(), "/api/stream", "Authorization", BEARER);
            if (next.status() == 200) {
                held.add(next);
            }
            assertThat(next.status()).isEqualTo(503);
            assertThat(Api.parse(next.body()).path("error").asText()).isEqualTo("too_many_streams");
            assertThat(next.header("Retry-After")).isEqualTo("10");
        });
        assertThat(held).hasSizeLessThanOrEqualTo(3);

        held.forEach(SseClient::close);

        await().atMost(WAIT).untilAsserted(
                () -> assertThat(stream(B.getLocalPort(), "/api/stream", "Authorization", BEARER).status())
                        .isEqualTo(200));
    }

    @Test
    void healthCountsDeliveriesAndRefusedSignaturesOfEveryServer() {
        SseClient onA = ready(stream(A.getLocalPort(), "/api/stream", "Authorization", BEARER));
        byte[] body = Fixtures.bytes("01-outbound-call_started.json");

        assertThat(API_B.deliver("01-outbound-call_started.json").status()).isEqualTo(204);
        assertThat(API_B.deliver("01-outbound-call_started.json").status()).isEqualTo(204);
        assertThat(Http.post(B.getLocalPort(), "/webhooks/retell", body, "Content-Type", "application/json",
                "X-Retell-Signature", "v=1,d=" + "0".repeat(64)).statusCode()).isEqualTo(401);

        await().atMost(WAIT).untilAsserted(() -> {
            List<SseClient.Event> health = onA.events("health");
            assertThat(health).isNotEmpty();
            JsonNode latest = Api.parse(health.get(health.size() - 1).data());
            long applied = 0;
            long duplicate = 0;
            for (JsonNode minute : latest.path("minutes")) {
                applied += minute.path("applied").asLong();
                duplicate += minute.path("duplicate").asLong();
            }
            assertThat(applied).isGreaterThanOrEqualTo(1);
            assertThat(duplicate).isGreaterThanOrEqualTo(1);
            assertThat(latest.path("signature_failures").path("outside_window").asLong()
                    + latest.path("signature_failures").path("mismatch").asLong()).isEqualTo(1);
            assertThat(latest.path("minutes")).hasSize(15);
            JsonNode ingestion = latest.path("ingestion");
            assertThat(ingestion.path("pending").asLong()).isZero();
            assertThat(ingestion.path("dead").asLong()).isZero();
            assertThat(ingestion.path("oldest_pending_seconds").isNull()).isTrue();
            assertThat(ingestion.path("apply_lag_p99_ms").canConvertToLong()).isTrue();
        });
        assertThat(names(onA.changes())).contains("call call created");
    }
}
