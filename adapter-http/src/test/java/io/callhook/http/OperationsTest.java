package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestOutcome.Change;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OperationsTest {

    private static final FakeIngest INGEST = new FakeIngest();

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.configured(INGEST,
            // the spool is off, so a delivery the database cannot take counts as an ingest failure
            ConfigOverride.config("spool.maxBytes", "0"));

    @BeforeEach
    void resetFake() {
        INGEST.reset();
    }

    private static MetricRegistry metrics() {
        return APP.getEnvironment().metrics();
    }

    private static HttpResponse<String> postSigned(String fixture) {
        byte[] body = Fixtures.bytes(fixture);
        return Http.post(APP.getLocalPort(), "/webhooks/retell", body, "X-Retell-Signature", Fixtures.sign(body));
    }

    @Test
    void storedDeliveryIsTimedUnderItsEventName() {
        long before = metrics().timer("callhook.webhook.latency.call_ended").getCount();
        INGEST.answers(new IngestOutcome.Applied("call_ended", "call_1", List.of(), null));

        postSigned(Fixtures.CALL_ENDED);

        assertThat(metrics().timer("callhook.webhook.latency.call_ended").getCount()).isEqualTo(before + 1);
    }

    @Test
    void eventNamesRetellMayAddLaterShareOneTimer() {
        long before = metrics().timer("callhook.webhook.latency.other").getCount();
        INGEST.answers(new IngestOutcome.Ignored("call_teleported", "call_1", "unrecognised event"));

        postSigned(Fixtures.CALL_ENDED);

        assertThat(metrics().timer("callhook.webhook.latency.other").getCount()).isEqualTo(before + 1);
        assertThat(metrics().getNames()).noneMatch(name -> name.contains("call_teleported"));
    }

    @Test
    void createdNotificationsAreCounted() {
        long before = metrics().meter("callhook.notifications.created").getCount();
        INGEST.answers(new IngestOutcome.Applied("call_ended", "call_1", List.of(
                new Change("call", "call_1", "status_changed", "ongoing", "ended"),
                new Change("notification", "n1", "created", null, "missed_call"),
                new Change("notification", "n2", "created", null, "callback_requested"),
                new Change("notification", "n1", "read", null, null)), null));

        postSigned(Fixtures.CALL_ENDED);

        assertThat(metrics().meter("callhook.notifications.created").getCount()).isEqualTo(before + 2);
    }

    @Test
    void duplicatesRejectionsAndIngestFailuresAreCounted() {
        long duplicates = metrics().meter("callhook.webhook.duplicates").getCount();
        long rejected = metrics().meter("callhook.webhook.rejected").getCount();
        long failures = metrics().meter("callhook.webhook.ingest_failures").getCount();

        INGEST.answers(new IngestOutcome.Duplicate("call_ended", "call_1", null));
        postSigned(Fixtures.CALL_ENDED);
        INGEST.answers(new IngestOutcome.Rejected("call_ended", "call.call_id is missing"));
        postSigned(Fixtures.CALL_ENDED);
        INGEST.fails(new PersistenceUnavailableException("down", null));
        postSigned(Fixtures.CALL_ENDED);

        assertThat(metrics().meter("callhook.webhook.duplicates").getCount()).isEqualTo(duplicates + 1);
        assertThat(metrics().meter("callhook.webhook.rejected").getCount()).isEqualTo(rejected + 1);
        assertThat(metrics().meter("callhook.webhook.ingest_failures").getCount()).isEqualTo(failures + 1);
    }

    @Test
    void signatureFailuresAreCountedByReason() {
        long mismatches = metrics().meter("callhook.webhook.signature_failures.mismatch").getCount();
        long missing = metrics().meter("callhook.webhook.signature_failures.missing").getCount();
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);

        Http.post(APP.getLocalPort(), "/webhooks/retell", body, "X-Retell-Signature", Fixtures.sign("wrong", body));
        Http.post(APP.getLocalPort(), "/webhooks/retell", body);

        assertThat(metrics().meter("callhook.webhook.signature_failures.mismatch").getCount())
                .isEqualTo(mismatches + 1);
        assertThat(metrics().meter("callhook.webhook.signature_failures.missing").getCount())
                .isEqualTo(missing + 1);
    }

    @Test
    void prometheusTextOnTheAdminPortCarriesTheWebhookMetrics() {
        INGEST.answers(new IngestOutcome.Applied("call_started", "call_1", List.of(), null));
        postSigned(Fixtures.CALL_STARTED);

        HttpResponse<String> response = Http.get(APP.getAdminPort(), "/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(response.body())
                .containsPattern("(?m)^callhook_webhook_latency_seconds_count\\{event=\"call_started\"} [1-9]")
                .containsPattern("(?m)^callhook_webhook_latency_seconds\\{event=\"call_ended\",quantile=\"0.99\"} ")
                .contains("callhook_webhook_signature_failures_total{reason=\"mismatch\"}")
                .contains("callhook_notifications_total")
                .contains("callhook_webhook_ingest_failures_total");
    }

    @Test
    void dropwizardJsonMetricsOnTheAdminPortCarryTheWebhookMetrics() {
        HttpResponse<String> response = Http.get(APP.getAdminPort(), "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"callhook.webhook.latency.call_started\"",
                "\"callhook.webhook.duplicates\"", "\"callhook.notifications.created\"");
    }

    @Test
    void signingKeyHealthCheckIsHealthyWithAKey() {
        HttpResponse<String> response = Http.get(APP.getAdminPort(), "/healthcheck");

        assertThat(response.body()).contains("\"signing-key\":{\"healthy\":true");
    }

    @Test
    void prometheusIsNotServedOnTheApplicationPort() {
        assertThat(Http.get(APP.getLocalPort(), "/prometheus").statusCode()).isEqualTo(404);
    }

    @Test
    void adminPortListensOnLoopbackOnly() {
        DefaultServerFactory server = (DefaultServerFactory) APP.getConfiguration().getServerFactory();

        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost()).isEqualTo("127.0.0.1");
    }
}
