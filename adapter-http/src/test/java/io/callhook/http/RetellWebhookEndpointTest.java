package io.callhook.http;

import static io.callhook.http.support.Fixtures.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.port.in.InboundAnswer;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.retell.RetellSigner;
import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetellWebhookEndpointTest {

    private static final String PATH = "/webhooks/retell";
    private static final int LIMIT = 64 * 1024;
    private static final FakeIngest INGEST = new FakeIngest();

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.configured(INGEST,
            ConfigOverride.config("retell.maxBodyBytes", Integer.toString(LIMIT)),
            // the spool is off: these are the answers without it (WebhookSpoolTest has them with it)
            ConfigOverride.config("spool.maxBytes", "0"));

    @BeforeEach
    void resetFake() {
        INGEST.reset();
    }

    private static HttpResponse<String> postSigned(byte[] body) {
        return Http.post(APP.getLocalPort(), PATH, body,
                "Content-Type", "application/json", "X-Retell-Signature", sign(body));
    }

    @Test
    void validSignedDeliveryIsStoredWithItsExactBytesAndAnswered204() {
        byte[] body = Fixtures.bytes(Fixtures.CALL_STARTED);
        Instant before = Instant.now();

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(INGEST.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.body()).isEqualTo(body);
            assertThat(delivery.receivedAt()).isBetween(before.minusSeconds(1), Instant.now());
        });
    }

    @Test
    void signatureHeaderNameIsMatchedCaseInsensitively() {
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);

        HttpResponse<String> response = Http.post(APP.getLocalPort(), PATH, body, "x-retell-signature", sign(body));

        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void deliverySignedWithTheOldKeyDuringRotationIsAccepted() {
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);

        HttpResponse<String> response = Http.post(APP.getLocalPort(), PATH, body,
                "X-Retell-Signature", sign(TestServers.OLD_RETELL_KEY, body));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(INGEST.deliveries()).hasSize(1);
    }

    @Test
    void duplicateUnrecognisedAndRejectedDeliveriesAreAcknowledgedWith204() {
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);
        for (IngestOutcome outcome : List.of(
                new IngestOutcome.Duplicate("call_ended", "call_4e1b9c07d2a85f36e1c04b7a9d2", null),
                new IngestOutcome.Ignored("some_future_event", null, "unrecognised event"),
                new IngestOutcome.Rejected("unknown", "body is not JSON"))) {
            INGEST.answers(outcome);

            HttpResponse<String> response = postSigned(body);

            assertThat(response.statusCode()).as(outcome.toString()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void signedButUnparseableBodyIsHandedToIngestionAndAcknowledged() {
        byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);
        INGEST.answers(new IngestOutcome.Rejected("unknown", "body is not valid JSON"));

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(INGEST.deliveries()).singleElement().satisfies(d -> assertThat(d.body()).isEqualTo(body));
    }

    @Test
    void callInboundIsAnsweredWithTheDecisionAsJson() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("customer_name", "Daniel Kim");
        INGEST.answers(new IngestOutcome.Applied("call_inbound", "call_9a7d5e3c1b0f2e4d6c8a0b1e3f5", List.of(),
                new InboundAnswer("agent_vip", variables, Map.of("crm_contact_id", "ct_000912"))));

        HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CALL_INBOUND));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"call_inbound\":{\"override_agent_id\":\"agent_vip\","
                + "\"dynamic_variables\":{\"customer_name\":\"Daniel Kim\"},"
                + "\"metadata\":{\"crm_contact_id\":\"ct_000912\"}}}");
    }

    @Test
    void callInboundAnswerLeavesOutEmptyParts() {
        INGEST.answers(new IngestOutcome.Applied("call_inbound", "call_x", List.of(),
                new InboundAnswer(null, Map.of("tier", "gold"), Map.of())));

        HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CALL_INBOUND));

        assertThat(response.body()).isEqualTo("{\"call_inbound\":{\"dynamic_variables\":{\"tier\":\"gold\"}}}");
    }

    @Test
    void duplicateCallInboundGetsTheSameDecisionAgain() {
        INGEST.answers(new IngestOutcome.Duplicate("call_inbound", "call_x",
                new InboundAnswer("agent_vip", Map.of(), Map.of())));

        HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CALL_INBOUND));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"call_inbound\":{\"override_agent_id\":\"agent_vip\"}}");
    }

    @Test
    void callInboundWithoutAnOverrideIsAnsweredWithAnEmptyDecision() {
        INGEST.answers(new IngestOutcome.Applied("call_inbound", "call_x", List.of(), InboundAnswer.EMPTY));

        HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CALL_INBOUND));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"call_inbound\":{}}");
    }

    @Test
    void chatInboundIsAnsweredWithAnEmptyChatDecision() {
        INGEST.answers(new IngestOutcome.Ignored("chat_inbound", null, "chats are recorded, not acted on"));

        HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CHAT_INBOUND));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"chat_inbound\":{}}");
    }

    @Nested
    class RefusedSignatures {

        private final byte[] body = Fixtures.bytes(Fixtures.CALL_STARTED);

        private void assertRefused(HttpResponse<String> response) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).startsWith("{\"error\":\"invalid_signature\",\"message\":\"");
            assertThat(INGEST.deliveries()).as("nothing may be stored").isEmpty();
        }

        @Test
        void missingSignatureIsRefusedWith401() {
            assertRefused(Http.post(APP.getLocalPort(), PATH, body, "Content-Type", "application/json"));
        }

        @Test
        void malformedSignatureIsRefusedWith401() {
            assertRefused(Http.post(APP.getLocalPort(), PATH, body, "X-Retell-Signature", "sha256=abc"));
        }

        @Test
        void expiredSignatureIsRefusedWith401() {
            String stale = new RetellSigner(TestServers.RETELL_KEY).sign(body,
                    Instant.now().minus(Duration.ofMinutes(6)));

            assertRefused(Http.post(APP.getLocalPort(), PATH, body, "X-Retell-Signature", stale));
        }

        @Test
        void signatureFromAnotherKeyIsRefusedWith401() {
            assertRefused(Http.post(APP.getLocalPort(), PATH, body,
                    "X-Retell-Signature", sign("key_somebody_else", body)));
        }

        @Test
        void signatureOverDifferentBytesIsRefusedWith401() {
            byte[] tampered = body.clone();
            tampered[tampered.length - 3] ^= 1;

            assertRefused(Http.post(APP.getLocalPort(), PATH, tampered, "X-Retell-Signature", sign(body)));
        }
    }

    @Nested
    class BodyLimit {

        @Test
        void bodyExactlyAtTheLimitIsAccepted() {
            byte[] body = Fixtures.jsonOfSize(LIMIT);

            HttpResponse<String> response = postSigned(body);

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(INGEST.deliveries()).singleElement().satisfies(d -> assertThat(d.body()).isEqualTo(body));
        }

        @Test
        void bodyOneByteOverTheLimitIsRefusedWith413() {
            byte[] body = Fixtures.jsonOfSize(LIMIT + 1);

            HttpResponse<String> response = postSigned(body);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).startsWith("{\"error\":\"payload_too_large\"");
            assertThat(INGEST.deliveries()).isEmpty();
        }

        @Test
        void chunkedBodyExactlyAtTheLimitIsAccepted() {
            byte[] body = Fixtures.jsonOfSize(LIMIT);

            HttpResponse<String> response = Http.postChunked(APP.getLocalPort(), PATH, body,
                    "X-Retell-Signature", sign(body));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(INGEST.deliveries()).singleElement().satisfies(d -> assertThat(d.body()).isEqualTo(body));
        }

        @Test
        void chunkedBodyOneByteOverTheLimitIsRefusedWith413() {
            byte[] body = Fixtures.jsonOfSize(LIMIT + 1);

            HttpResponse<String> response = Http.postChunked(APP.getLocalPort(), PATH, body,
                    "X-Retell-Signature", sign(body));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(INGEST.deliveries()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "application/x-www-form-urlencoded", "text/plain"})
        void declaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent(String contentType) {
            // only the headers are sent: the answer must come without waiting for the body
            String answer = Http.raw(APP.getLocalPort(), "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + (LIMIT + 1) + "\r\n"
                    + "Connection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 413 ")
                    .contains("{\"error\":\"payload_too_large\",\"message\":\"The request body is larger than "
                            + LIMIT + " bytes.\"}");
            assertThat(INGEST.deliveries()).isEmpty();
        }
    }

    @Nested
    class StorageFailures {

        @Test
        void databaseUnavailableWithoutASpoolIsAnswered503SoRetellRetries() {
            INGEST.fails(new PersistenceUnavailableException("connection refused to db.internal:5432 as callhook",
                    new SQLException("FATAL: password authentication failed for user \"callhook\"")));

            HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CALL_ENDED));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).startsWith("{\"error\":\"unavailable\",\"message\":\"");
            assertThat(response.body()).doesNotContain("Exception", "SQL", "password", "5432", "io.callhook",
                    "java.", "callhook\\\"");
        }

        @Test
        void unexpectedFailureWhileStoringIsAnswered503() {
            INGEST.fails(new IllegalStateException("bug in /srv/callhook/Foo.java"));

            HttpResponse<String> response = postSigned(Fixtures.bytes(Fixtures.CALL_ENDED));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("IllegalState", "Foo.java", "/srv");
        }
    }
}
