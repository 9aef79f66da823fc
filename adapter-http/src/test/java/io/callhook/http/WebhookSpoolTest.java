package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook with its outage spool, on a fake ingestion: a delivery the database cannot take is kept in the spool,
 * answered as stored, and moved into the inbox (with its original receive time) once the database answers; only an
 * unreachable database spools, and a full spool is answered 503.
 */
class WebhookSpoolTest {

    private static final String PATH = "/webhooks/retell";
    private static final FakeIngest INGEST = new FakeIngest();
    private static final FakeIngest TINY_INGEST = new FakeIngest();
    private static final IngestOutcome ACCEPTED = new IngestOutcome.Accepted("call_ended", "call_x", null);

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.configured(INGEST,
            ConfigOverride.config("spool.drainInterval", "100ms"));

    /** A spool too small for any delivery. */
    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> TINY = TestServers.configured(TINY_INGEST,
            ConfigOverride.config("spool.maxBytes", "64"));

    @BeforeEach
    void resetFakes() {
        INGEST.reset();
        TINY_INGEST.reset();
    }

    private static HttpResponse<String> postSigned(int port, byte[] body) {
        return Http.post(port, PATH, body, "Content-Type", "application/json", "X-Retell-Signature",
                Fixtures.sign(body));
    }

    @Test
    void deliveryTheDatabaseCannotTakeIsSpooledAnswered204AndMovedIntoTheInboxWithItsReceiveTimeOnceItAnswers() {
        INGEST.fails(new PersistenceUnavailableException("down", null));
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);
        Instant before = Instant.now();

        HttpResponse<String> response = postSigned(APP.getLocalPort(), body);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        Instant answered = Instant.now();
        assertThat(gauge("callhook.spool.depth")).isEqualTo(1L);

        INGEST.answers(ACCEPTED); // the database answers again

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gauge("callhook.spool.depth")).isEqualTo(0L);
            assertThat(gauge("callhook.spool.bytes")).isEqualTo(0L);
        });
        // the acceptance that failed and the one that took it: the same bytes, always the first receive time
        assertThat(INGEST.deliveries()).isNotEmpty().allSatisfy(delivery -> {
            assertThat(delivery.body()).isEqualTo(body);
            assertThat(delivery.receivedAt()).isBetween(before.minusSeconds(1), answered)
                    .isEqualTo(INGEST.deliveries().get(0).receivedAt());
        });
    }

    @Test
    void inboundCallSpooledIsAnswered200WithAnEmptyDecision() {
        INGEST.fails(new PersistenceUnavailableException("down", null));

        HttpResponse<String> response = postSigned(APP.getLocalPort(), Fixtures.bytes(Fixtures.CALL_INBOUND));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"call_inbound\":{}}");
        INGEST.answers(ACCEPTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gauge("callhook.spool.depth")).isEqualTo(0L));
        // the direct attempt asked for a decision; the drained one says it was answered without one
        List<Delivery> deliveries = INGEST.deliveries();
        assertThat(deliveries.get(0).answeredWithoutDecision()).isFalse();
        assertThat(deliveries.subList(1, deliveries.size())).isNotEmpty()
                .allSatisfy(drained -> assertThat(drained.answeredWithoutDecision()).isTrue());
    }

    @Test
    void chatInboundSpooledIsAnswered200WithAnEmptyDecision() {
        INGEST.fails(new PersistenceUnavailableException("down", null));

        HttpResponse<String> response = postSigned(APP.getLocalPort(), Fixtures.bytes(Fixtures.CHAT_INBOUND));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"chat_inbound\":{}}");
        INGEST.answers(ACCEPTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gauge("callhook.spool.depth")).isEqualTo(0L));
    }

    @Test
    void failureOtherThanAnUnreachableDatabaseIsNotSpooledAndIsAnswered503() {
        long spooled = APP.getEnvironment().metrics().meter("callhook.spool.spooled").getCount();
        INGEST.fails(new IllegalStateException("bug"));

        HttpResponse<String> response = postSigned(APP.getLocalPort(), Fixtures.bytes(Fixtures.CALL_ENDED));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(APP.getEnvironment().metrics().meter("callhook.spool.spooled").getCount()).isEqualTo(spooled);
        assertThat(gauge("callhook.spool.depth")).isEqualTo(0L);
    }

    @Test
    void unsignedDeliveryIsNeverSpooled() {
        INGEST.fails(new PersistenceUnavailableException("down", null));
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);

        HttpResponse<String> response = Http.post(APP.getLocalPort(), PATH, body, "X-Retell-Signature",
                Fixtures.sign("wrong", body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(gauge("callhook.spool.depth")).isEqualTo(0L);
    }

    @Test
    void fullSpoolIsAnswered503AndReportedByTheSpoolHealthCheck() {
        TINY_INGEST.fails(new PersistenceUnavailableException("down", null));

        HttpResponse<String> response = postSigned(TINY.getLocalPort(), Fixtures.bytes(Fixtures.CALL_ENDED));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("{\"error\":\"unavailable\",\"message\":\"");
        assertThat(TINY.getEnvironment().metrics().meter("callhook.spool.refused").getCount()).isEqualTo(1);
        HttpResponse<String> health = Http.get(TINY.getAdminPort(), "/healthcheck");
        assertThat(health.body()).contains("\"spool\":{\"healthy\":false,\"message\":\"Full: 0 deliveries waiting, "
                + "0 of 64 bytes");
    }

    private static Object gauge(String name) {
        Gauge<?> gauge = APP.getEnvironment().metrics().getGauges().get(name);
        return gauge.getValue();
    }
}
