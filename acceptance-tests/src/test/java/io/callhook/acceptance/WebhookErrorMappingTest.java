package io.callhook.acceptance;

import static io.callhook.acceptance.support.ErrorBodies.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.SignedWebhookClient;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@code POST /webhooks/retell} answers what is not a plain good delivery, end to end on PostgreSQL: refused
 * signatures store nothing; signed garbage is kept as rejected and acknowledged (a 4xx would only make Retell retry the
 * same bytes); unknown events are acknowledged; the body limit is exact; a delivery during a database outage is kept
 * in the server's spool and acknowledged, and reaches the inbox once the database is back; every error is a small JSON
 * body that gives nothing away.
 */
class WebhookErrorMappingTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    @RegisterExtension
    static final CallhookServer serverLosingItsDatabase = CallhookServer.startWithSwitchableDatabase();

    @RegisterExtension
    static final CallhookServer serverWithoutKey = CallhookServer.start(Map.of("retell.apiKeys", ""));

    private static final byte[] CALL_ENDED = RetellPayloads.fixture("02-outbound-call_ended.json");
    private static final int LIMIT = CallhookServer.MAX_BODY_BYTES;

    @BeforeEach
    void emptyInbox() {
        server.truncateAll();
    }

    static Stream<Arguments> refusedSignatures() {
        RetellSigner otherKey = new RetellSigner("key_somebody_else_0000000000");
        return Stream.of(
                refused("no signature header", "missing", c -> c.postWithSignature(CALL_ENDED, null)),
                refused("a header that is not v=<ms>,d=<hex>", "malformed",
                        c -> c.postWithSignature(CALL_ENDED, "sha256=" + "ab".repeat(32))),
                refused("signed by another key", "mismatch",
                        c -> c.postWithSignature(CALL_ENDED, otherKey.sign(CALL_ENDED, Instant.now()))),
                refused("signed over other bytes", "mismatch", c -> c.postWithSignature(CALL_ENDED,
                        c.signature(RetellPayloads.fixture("03-outbound-call_analyzed.json"), Instant.now()))),
                refused("signed more than five minutes ago", "outside_window",
                        c -> c.post(CALL_ENDED, Instant.now().minus(Duration.ofMinutes(5).plusSeconds(5)))),
                refused("signed more than five minutes ahead", "outside_window",
                        c -> c.post(CALL_ENDED, Instant.now().plus(Duration.ofMinutes(5).plusSeconds(5)))));
    }

    private static Arguments refused(String how, String reason, Function<SignedWebhookClient, Answer> delivery) {
        return arguments(named(how, delivery), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSignatures")
    void refusedSignatureAnswers401AndStoresNothing(Function<SignedWebhookClient, Answer> delivery, String reason) {
        long refusedBefore = signatureFailures(reason);

        Answer answer = delivery.apply(server.webhook());

        assertCleanError(answer, 401, "invalid_signature");
        assertThat(answer.header("WWW-Authenticate")).contains("Retell-Signature");
        assertThat(signatureFailures(reason)).as("signature failures counted as " + reason)
                .isEqualTo(refusedBefore + 1);
        assertThat(server.rows("webhook_events")).isZero();
        assertThat(server.rows("calls")).isZero();
    }

    @Test
    void signatureWithinTheFiveMinuteWindowIsAccepted() {
        Answer answer = server.webhook().post(CALL_ENDED, Instant.now().minus(Duration.ofMinutes(4)));

        assertThat(answer.status()).as("%s", answer).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(server.rows("webhook_events")).isEqualTo(1);
    }

    @Test
    void signedBodyMissingTheCallIdIsAcknowledgedAndKeptAsRejectedWithItsReason() {
        byte[] body = "{\"event\":\"call_ended\",\"call\":{}}".getBytes(StandardCharsets.UTF_8);

        Answer answer = server.webhook().post(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(204);
        Map<String, Object> row = onlyInboxRow();
        assertThat(row).containsEntry("status", "rejected").containsEntry("event_type", "unknown");
        assertThat((String) row.get("detail")).startsWith("call.call_id: ");
        assertThat((byte[]) row.get("body")).isEqualTo(body);
        assertThat(server.rows("calls")).isZero();
    }

    @Test
    void signedBodyThatIsNotJsonIsAcknowledgedAndKeptAsRejected() {
        byte[] body = "event=call_ended&call_id=call_1".getBytes(StandardCharsets.UTF_8);

        Answer answer = server.webhook().post(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(204);
        Map<String, Object> row = onlyInboxRow();
        assertThat(row).containsEntry("status", "rejected");
        assertThat((String) row.get("detail")).isNotBlank();
        assertThat((byte[]) row.get("body")).isEqualTo(body);
    }

    @Test
    void unknownEventIsAcknowledgedWith204AndKeptAsIgnored() {
        byte[] body = "{\"event\":\"call_teleported\",\"call\":{\"call_id\":\"call_x\"}}".getBytes(StandardCharsets.UTF_8);

        Answer answer = server.webhook().post(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(204);
        assertThat(onlyInboxRow()).containsEntry("status", "ignored").containsEntry("event_type", "call_teleported")
                .containsEntry("detail", "unrecognised event 'call_teleported'");
        assertThat(server.rows("calls")).isZero();
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() {
        byte[] body = callEndedOfSize("call_at_the_limit", LIMIT);

        Answer answer = server.webhook().post(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(204);
        assertThat(onlyInboxRow()).containsEntry("status", "applied").containsEntry("call_id", "call_at_the_limit");
    }

    @Test
    void bodyOneByteOverTheLimitIsRefusedWith413BeforeAnythingIsStored() {
        byte[] body = callEndedOfSize("call_over_the_limit", LIMIT + 1);

        assertCleanError(server.webhook().post(body), 413, "payload_too_large");
        assertThat(server.rows("webhook_events")).isZero();
    }

    @Test
    void chunkedBodyOneByteOverTheLimitIsRefusedWith413() {
        byte[] body = callEndedOfSize("call_over_the_limit", LIMIT + 1);

        assertCleanError(server.webhook().postChunked(body), 413, "payload_too_large");
        assertThat(server.rows("webhook_events")).isZero();
    }

    @Test
    void chunkedBodyOfExactlyTheLimitIsAccepted() {
        byte[] body = callEndedOfSize("call_chunked_at_the_limit", LIMIT);

        assertThat(server.webhook().postChunked(body).status()).isEqualTo(204);
        assertThat(server.rows("webhook_events")).isEqualTo(1);
    }

    @Test
    void deliveryDuringADatabaseOutageIsSpooledAcknowledgedAndStoredOnceTheDatabaseIsBack() {
        SignedWebhookClient webhook = serverLosingItsDatabase.webhook();
        byte[] body = RetellPayloads.callEvent("call_ended").callId("call_during_outage")
                .disconnectionReason("user_hangup").durationMs(1_000).bytes();
        assertThat(webhook.post(RetellPayloads.callEvent("call_started").callId("call_before_outage").bytes()).status())
                .as("the server works before the outage").isEqualTo(204);

        serverLosingItsDatabase.databaseSwitch().switchOff();
        long started = System.nanoTime();
        Answer duringOutage = webhook.post(body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Answer apiDuringOutage = serverLosingItsDatabase.api().get("/api/calls/call_before_outage");
        Answer healthDuringOutage = serverLosingItsDatabase.admin().get("/healthcheck");
        assertThat(inboxRow(serverLosingItsDatabase, "call:call_during_outage:call_ended")).isEmpty();
        serverLosingItsDatabase.databaseSwitch().switchOn();

        assertThat(duringOutage.status()).as("kept in the spool, fsynced: %s", duringOutage).isEqualTo(204);
        assertThat(took).as("answered inside Retell's 10 s timeout").isLessThan(Duration.ofSeconds(10));
        assertCleanError(apiDuringOutage, 503, "unavailable");
        assertThat(apiDuringOutage.body()).doesNotContain(serverLosingItsDatabase.database().schema());
        assertThat(healthDuringOutage.status()).as("%s", healthDuringOutage).isEqualTo(500);
        assertThat(healthDuringOutage.json().path("database").path("healthy").asBoolean(true)).isFalse();
        assertThat(healthDuringOutage.json().path("spool").path("healthy").asBoolean(false)).isTrue();

        // once the database is back the spooled delivery is moved into the inbox, as its first and only attempt
        await("spooled delivery stored after the outage").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() ->
                        inboxRow(serverLosingItsDatabase, "call:call_during_outage:call_ended")
                                .filter(row -> "applied".equals(row.get("status"))).isPresent());
        assertThat(inboxRow(serverLosingItsDatabase, "call:call_during_outage:call_ended"))
                .hasValueSatisfying(row -> assertThat(row).containsEntry("attempts", 1));
        // a retry Retell sends anyway is a duplicate of it: one row, its second delivery
        assertThat(webhook.post(body).status()).isEqualTo(204);
        assertThat(inboxRow(serverLosingItsDatabase, "call:call_during_outage:call_ended"))
                .hasValueSatisfying(row -> assertThat(row)
                        .containsEntry("status", "applied").containsEntry("attempts", 2));
    }

    @Test
    void withoutASigningKeyEverySignedDeliveryAnswers503SoRetellKeepsIt() {
        Answer answer = serverWithoutKey.webhook().post(CALL_ENDED);

        assertCleanError(answer, 503, "signing_key_missing");
        assertThat(serverWithoutKey.rows("webhook_events")).isZero();
    }

    @Test
    void wrongMethodAndUnknownPathAnswerCleanJsonErrors() {
        assertCleanError(server.api().get("/webhooks/retell"), 405, "method_not_allowed");
        assertCleanError(server.api().get("/no/such/path"), 404, "not_found");
    }

    private static long signatureFailures(String reason) {
        return server.app().getEnvironment().metrics().meter("callhook.webhook.signature_failures." + reason)
                .getCount();
    }

    /** A valid, signed-able {@code call_ended} body of exactly {@code size} bytes (padded in the transcript). */
    private static byte[] callEndedOfSize(String callId, int size) {
        RetellPayloads.CallEventBuilder event = RetellPayloads.callEvent("call_ended").callId(callId)
                .disconnectionReason("user_hangup");
        int withoutPadding = event.transcript("").bytes().length;
        byte[] body = event.transcript("x".repeat(size - withoutPadding)).bytes();
        assertThat(body).hasSize(size);
        return body;
    }

    private static Map<String, Object> onlyInboxRow() {
        return server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT dedupe_key, event_type, call_id, body, status, detail, attempts FROM webhook_events")
                .mapToMap().one());
    }

    private static Optional<Map<String, Object>> inboxRow(CallhookServer on, String dedupeKey) {
        return on.jdbi().withHandle(h -> h.createQuery(
                        "SELECT dedupe_key, event_type, call_id, status, detail, attempts FROM webhook_events "
                                + "WHERE dedupe_key = :key")
                .bind("key", dedupeKey).mapToMap().findOne());
    }
}
