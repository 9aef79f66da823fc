package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.Inbox;
import io.callhook.http.support.TcpSwitch;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production server whose database goes away while it runs: signed deliveries are kept in the spool and answered
 * 204, and once the database is back every one of them is in the inbox (with the time it was received) and applied,
 * none twice, the spool empty, without a restart. A delivery repeated during and after the outage is stored once.
 */
class SpoolOutageTest {

    private static final String FIXTURE_CALL = "call_4e1b9c07d2a85f36e1c04b7a9d2";
    private static final int EVENTS = 40;

    private static final TestDatabase DB = TestDatabase.create();
    private static final TcpSwitch DATABASE = TestServers.switchFor(DB);

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.behind(DATABASE, DB);

    private static final Api API = new Api(APP::getLocalPort);

    @AfterAll
    static void cleanUp() {
        DATABASE.close();
        DB.close();
    }

    @Test
    void deliveriesDuringAnOutageAreAnswered204AndAllReachTheInboxOnceEachWhenTheDatabaseIsBack() {
        DATABASE.turnOn();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Http.get(APP.getAdminPort(), "/healthcheck").statusCode()).isEqualTo(200));
        List<String> callIds = IntStream.range(0, EVENTS).mapToObj(i -> String.format("call_spool%023d", i)).toList();

        DATABASE.turnOff();
        List<Integer> during = callIds.stream().map(SpoolOutageTest::deliverCallEnded).toList();
        int duplicateDuring = deliverCallEnded(callIds.get(0));

        assertThat(during).containsOnly(204).hasSize(EVENTS);
        assertThat(duplicateDuring).isEqualTo(204);
        assertThat(gauge("callhook.spool.depth")).isEqualTo((long) EVENTS + 1);
        assertThat(Http.get(APP.getAdminPort(), "/healthcheck").body())
                .contains("\"spool\":{\"healthy\":true,\"message\":\"Draining: " + (EVENTS + 1) + " deliveries waiting");
        Instant back = Instant.now();
        long start = System.nanoTime();
        DATABASE.turnOn();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(gauge("callhook.spool.depth")).isEqualTo(0L));
        Duration drained = Duration.ofNanos(System.nanoTime() - start);
        assertThat(deliverCallEnded(callIds.get(0))).as("the same event after the outage").isEqualTo(204);
        Inbox.awaitApplied(DB);

        assertThat(storedEvents("call_spool%")).isEqualTo(EVENTS);
        long receivedBeforeTheDatabaseWasBack = DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM "
                        + "webhook_events WHERE call_id LIKE 'call_spool%' AND received_at < :back AND status = 'applied'")
                .bind("back", back).mapTo(Long.class).one());
        assertThat(receivedBeforeTheDatabaseWasBack).as("stored with the time they were received, and applied")
                .isEqualTo(EVENTS);
        assertThat(gauge("callhook.spool.bytes")).isEqualTo(0L);
        assertThat(API.get("/api/calls/" + callIds.get(EVENTS - 1)).text("state")).isEqualTo("ended");
        System.out.printf("spool outage: sent %d (+1 duplicate), acknowledged %d, spooled %d, stored %d, drained in %d ms%n",
                EVENTS, during.size() + 1, APP.getEnvironment().metrics().meter("callhook.spool.spooled").getCount(),
                storedEvents("call_spool%"), drained.toMillis());
    }

    private static long storedEvents(String callIds) {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_events WHERE call_id LIKE :ids")
                .bind("ids", callIds).mapTo(Long.class).one());
    }

    private static int deliverCallEnded(String callId) {
        byte[] body = new String(Fixtures.bytes(Fixtures.CALL_ENDED), StandardCharsets.UTF_8)
                .replace(FIXTURE_CALL, callId).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Http.post(APP.getLocalPort(), "/webhooks/retell", body,
                "Content-Type", "application/json", "X-Retell-Signature", Fixtures.sign(body));
        return response.statusCode();
    }

    private static Object gauge(String name) {
        return APP.getEnvironment().metrics().getGauges().get(name).getValue();
    }
}
