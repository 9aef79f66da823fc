package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed events carry whatever a caller or an LLM produced. Values PostgreSQL cannot hold as they are (NUL characters,
 * numbers beyond {@code numeric}) or that Jackson could not read back (numbers of more than 1,000 digits) are stored by
 * the {@code StorableValues} rule: the event is kept, answered 2xx, readable through the API, and later events for the
 * same call still apply. The raw bytes stay untouched in the inbox.
 */
class UnstorableEventValuesTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = TestDatabase.create();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.onDatabase(DB);

    private static final Api API = new Api(APP::getLocalPort);

    private static String started(String callIdJson, String metadataJson) {
        return """
                {"event":"call_started","call":{"call_id":%s,"call_type":"phone_call",
                 "agent_id":"agent_unknown_to_callhook","from_number":"+14155550142","to_number":"+12125550198",
                 "direction":"outbound","call_status":"ongoing","start_timestamp":1790006412873,
                 "metadata":%s}}
                """.formatted(callIdJson, metadataJson);
    }

    private static String ended(String callIdJson, String transcriptJson) {
        return """
                {"event":"call_ended","call":{"call_id":%s,"call_type":"phone_call",
                 "agent_id":"agent_unknown_to_callhook","from_number":"+14155550142","to_number":"+12125550198",
                 "direction":"outbound","call_status":"ended","start_timestamp":1790006412873,
                 "end_timestamp":1790006500000,"disconnection_reason":"user_hangup","transcript":%s}}
                """.formatted(callIdJson, transcriptJson);
    }

    private static int deliver(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return Http.post(APP.getLocalPort(), "/webhooks/retell", body,
                "Content-Type", "application/json", "X-Retell-Signature", Fixtures.sign(body)).statusCode();
    }

    private static JsonNode callOnceStored(String callId) {
        String path = "/api/calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8).replace("+", "%20");
        await().atMost(Duration.ofSeconds(10)).until(() -> API.get(path).status() == 200);
        Answer answer = API.get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void nulInTheTranscriptIsKeptAsAReplacementCharacter() {
        assertThat(deliver(started("\"call_nul_transcript\"", "{}"))).isEqualTo(204);

        assertThat(deliver(ended("\"call_nul_transcript\"", "\"Agent: hello\\u0000there\"")))
                .isEqualTo(204);

        assertThat(callOnceStored("call_nul_transcript").path("transcript").asText()).isEqualTo("Agent: hello\uFFFDthere");
    }

    @Test
    void nulInMetadataKeysAndValuesIsKeptAsAReplacementCharacter() {
        assertThat(deliver(started("\"call_nul_metadata\"", "{\"note\":\"a\\u0000b\",\"k\\u0000ey\":[\"\\u0000\"]}")))
                .isEqualTo(204);

        JsonNode metadata = callOnceStored("call_nul_metadata").path("metadata");
        assertThat(metadata.path("note").asText()).isEqualTo("a\uFFFDb");
        assertThat(metadata.path("k\uFFFDey").path(0).asText()).isEqualTo("\uFFFD");
    }

    @Test
    void nulInTheCallIdIsKeptAndTheRawBodyStaysUntouchedInTheInbox() {
        String json = started("\"call_nul\\u0000id\"", "{}");

        assertThat(deliver(json)).isEqualTo(204);

        assertThat(callOnceStored("call_nul\uFFFDid").path("state").asText()).isEqualTo("ongoing");
        byte[] stored = DB.jdbi().withHandle(h -> h.createQuery(
                        "SELECT body FROM webhook_events WHERE call_id = 'call_nul' || chr(65533) || 'id'")
                .mapTo(byte[].class).one());
        assertThat(stored).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
        assertThat(deliver(ended("\"call_nul\\u0000id\"", "\"bye\""))).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(callOnceStored("call_nul\uFFFDid").path("state").asText()).isEqualTo("ended"));
    }

    @Test
    void numberBeyondPostgresNumericIsKeptAsTheTextOfItsExactValue() {
        assertThat(deliver(started("\"call_huge_number\"", "{\"big\":1e131072,\"small\":2.50}"))).isEqualTo(204);

        JsonNode metadata = callOnceStored("call_huge_number").path("metadata");
        assertThat(metadata.path("big").isTextual()).isTrue();
        assertThat(metadata.path("big").asText()).isEqualTo("1E+131072");
        assertThat(metadata.path("small").decimalValue()).isEqualByComparingTo("2.50");
    }

    @Test
    void numberJacksonCouldNotReadBackIsKeptReadableAndLaterEventsForTheCallApply() {
        assertThat(deliver(started("\"call_long_number\"", "{\"n\":1e1000,\"m\":-1e-1000}"))).isEqualTo(204);

        JsonNode metadata = callOnceStored("call_long_number").path("metadata");
        assertThat(metadata.path("n").asText()).isEqualTo("1E+1000");
        assertThat(metadata.path("m").asText()).isEqualTo("-1E-1000");
        assertThat(deliver(ended("\"call_long_number\"", "\"Agent: bye\""))).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(callOnceStored("call_long_number").path("state").asText()).isEqualTo("ended"));
    }
}
