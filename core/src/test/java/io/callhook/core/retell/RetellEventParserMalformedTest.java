package io.callhook.core.retell;

import static io.callhook.core.retell.RetellPayloads.callEvent;
import static io.callhook.core.retell.RetellPayloads.callInbound;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unusable bodies are reported with the path of the offending field, never with an exception. */
class RetellEventParserMalformedTest {

    private final RetellEventParser parser = new RetellEventParser();

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("empty", "", "body is empty"),
                Arguments.of("whitespace", " \n\t ", "body is empty"),
                Arguments.of("JSON array", "[]", "body must be a JSON object, found an array"),
                Arguments.of("JSON string", "\"call_ended\"", "body must be a JSON object, found a string"),
                Arguments.of("JSON number", "42", "body must be a JSON object, found a number"),
                Arguments.of("JSON null", "null", "body must be a JSON object, found null"),
                Arguments.of("not JSON", "event=call_ended", "body is not valid JSON (line 1, column 1)"),
                Arguments.of("truncated", "{\"event\":\"call_ended\",\n\"call\":{\"call_id\":",
                        "body ends in the middle of a JSON value (line 2, column 19)"),
                Arguments.of("content after the value", "{\"event\":\"x\"} {}",
                        "body has content after the JSON value (line 1, column 15)"),
                Arguments.of("duplicate key", "{\"event\":\"call_ended\",\"event\":\"call_started\"}",
                        "body is not valid JSON (line 1, column 30)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void unreadableBodyIsMalformedAtTheRoot(String what, String body, String message) {
        assertThat(parse(body)).isEqualTo(new ParseResult.Malformed("$", message));
    }

    @Test
    void nullBodyIsMalformedAtTheRoot() {
        assertThat(parser.parse(null)).isEqualTo(new ParseResult.Malformed("$", "body is empty"));
    }

    @Test
    void invalidUtf8IsMalformedAtTheRoot() {
        byte[] body = {'{', '"', 'e', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};

        assertThat(parser.parse(body)).isInstanceOfSatisfying(ParseResult.Malformed.class,
                malformed -> assertThat(malformed.fieldPath()).isEqualTo("$"));
    }

    @Test
    void anEscapedLoneSurrogateInAnObjectKeyIsParsedLikeOneInAValue() {
        // Jackson's byte parser refused this key ("Unexpected low surrogate in field name"); a signed event with it
        // was stored as rejected although it is JSON by RFC 8259's grammar
        String body = "{\"event\":\"call_started\",\"call\":{\"call_id\":\"call_1\",\"metadata\":"
                + "{\"a\\udfffb\":\"\\ud800\",\"\\ud800\":1}}}";

        assertThat(parse(body)).isInstanceOfSatisfying(ParseResult.Parsed.class,
                parsed -> assertThat(((CallEvent) parsed.event()).call().metadata().get("a\udfffb").asText())
                        .isEqualTo("\ud800"));
    }

    @Test
    void absurdlyDeepNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"event\":\"x\",\"metadata\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(parse(deep)).isEqualTo(
                new ParseResult.Malformed("$", "body exceeds the JSON nesting or size limits"));
    }

    static Stream<Arguments> malformedFields() {
        var ended = callEvent("call_ended");
        return Stream.of(
                // envelope
                Arguments.of("{}", "event", "required field is missing"),
                Arguments.of("{\"event\":null,\"call\":{\"call_id\":\"c\"}}", "event", "required field is missing"),
                Arguments.of("{\"event\":42}", "event", "must be a string, found a number"),
                Arguments.of("{\"event\":\"\"}", "event", "must not be empty"),
                Arguments.of(ended.eventTimestampMs(1).envelopeField("event_timestamp", "\"now\"").json(),
                        "event_timestamp", "must be a number, found a string"),
                // the call object
                Arguments.of("{\"event\":\"call_ended\"}", "call", "required field is missing"),
                Arguments.of("{\"event\":\"call_ended\",\"call\":null}", "call", "required field is missing"),
                Arguments.of("{\"event\":\"call_ended\",\"call\":[]}", "call", "must be an object, found an array"),
                Arguments.of("{\"event\":\"call_ended\",\"call\":\"c\"}", "call", "must be an object, found a string"),
                Arguments.of(ended.without("call_id").json(), "call.call_id", "required field is missing"),
                Arguments.of(ended.field("call_id", "42").json(), "call.call_id", "must be a string, found a number"),
                Arguments.of(ended.callId("").json(), "call.call_id", "must not be empty"),
                Arguments.of(ended.without("call_id").underLegacyDataKey().json(), "data.call_id",
                        "required field is missing"),
                Arguments.of("{\"event\":\"transfer_started\",\"data\":7}", "data", "must be an object, found a number"),
                // optional call fields of the wrong type
                Arguments.of(ended.field("start_timestamp", "\"abc\"").json(), "call.start_timestamp",
                        "must be a number, found a string"),
                Arguments.of(ended.field("end_timestamp", "1790006600305.5").json(), "call.end_timestamp",
                        "must be a whole number, found 1790006600305.5"),
                Arguments.of(ended.field("start_timestamp", "9000000000000000").json(), "call.start_timestamp",
                        "must be epoch milliseconds from 1970 to the end of year 9999, found 9000000000000000"),
                Arguments.of(ended.field("end_timestamp", "-1").json(), "call.end_timestamp",
                        "must be epoch milliseconds from 1970 to the end of year 9999, found -1"),
                Arguments.of(ended.field("duration_ms", "true").json(), "call.duration_ms",
                        "must be a number, found a boolean"),
                Arguments.of(ended.field("agent_version", "\"x\"").json(), "call.agent_version",
                        "must be a number, found a string"),
                Arguments.of(ended.field("agent_version", "3000000000").json(), "call.agent_version",
                        "must be a whole number, found 3000000000"),
                Arguments.of(ended.field("agent_id", "{}").json(), "call.agent_id", "must be a string, found an object"),
                Arguments.of(ended.field("direction", "1").json(), "call.direction", "must be a string, found a number"),
                Arguments.of(ended.field("disconnection_reason", "[]").json(), "call.disconnection_reason",
                        "must be a string, found an array"),
                Arguments.of(ended.field("transcript_object", "{}").json(), "call.transcript_object",
                        "must be an array, found an object"),
                Arguments.of(ended.field("retell_llm_dynamic_variables", "[]").json(),
                        "call.retell_llm_dynamic_variables", "must be an object, found an array"),
                Arguments.of(ended.field("retell_llm_dynamic_variables", "{\"a\":\"1\",\"b\":{}}").json(),
                        "call.retell_llm_dynamic_variables.b", "must be a string, found an object"),
                Arguments.of(ended.field("transfer_destination", "{\"number\":\"+1\"}").json(),
                        "call.transfer_destination", "must be a string, found an object"),
                Arguments.of(ended.field("call_analysis", "5").json(), "call.call_analysis",
                        "must be an object, found a number"),
                Arguments.of(ended.field("call_analysis", "{\"in_voicemail\":\"no\"}").json(),
                        "call.call_analysis.in_voicemail", "must be true or false, found a string"),
                Arguments.of(ended.field("call_analysis", "{\"user_sentiment\":1}").json(),
                        "call.call_analysis.user_sentiment", "must be a string, found a number"),
                Arguments.of(ended.field("call_cost", "{\"combined_cost\":\"12.5\"}").json(),
                        "call.call_cost.combined_cost", "must be a number, found a string"),
                Arguments.of(ended.field("call_cost", "{\"product_costs\":{}}").json(),
                        "call.call_cost.product_costs", "must be an array, found an object"),
                Arguments.of(ended.field("call_cost", "{\"product_costs\":[1]}").json(),
                        "call.call_cost.product_costs[0]", "must be an object, found a number"),
                Arguments.of(ended.field("call_cost",
                                "{\"product_costs\":[{\"product\":\"a\",\"cost\":1},{\"product\":\"b\",\"cost\":\"x\"}]}")
                                .json(),
                        "call.call_cost.product_costs[1].cost", "must be a number, found a string"),
                // inbound webhooks
                Arguments.of("{\"event\":\"call_inbound\"}", "call_inbound", "required field is missing"),
                Arguments.of(callInbound("+13105550123", "+14155550100").without("to_number").json(),
                        "call_inbound.to_number", "required field is missing"),
                Arguments.of(callInbound("+13105550123", "+14155550100").field("from_number", "13105550123").json(),
                        "call_inbound.from_number", "must be a string, found a number"),
                Arguments.of(callInbound("+13105550123", "+14155550100").field("agent_version", "\"4\"").json(),
                        "call_inbound.agent_version", "must be a number, found a string"),
                Arguments.of(callInbound("+13105550123", "+14155550100").field("custom_sip_headers", "[]").json(),
                        "call_inbound.custom_sip_headers", "must be an object, found an array"),
                Arguments.of("{\"event\":\"chat_inbound\",\"chat_inbound\":{\"to_number\":\"+14155550100\"}}",
                        "chat_inbound.from_number", "required field is missing"),
                // chats
                Arguments.of("{\"event\":\"chat_ended\"}", "chat", "required field is missing"),
                Arguments.of("{\"event\":\"chat_ended\",\"chat\":{\"chat_status\":\"ended\"}}", "chat.chat_id",
                        "required field is missing"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("malformedFields")
    void malformedFieldIsReportedWithItsPath(String body, String fieldPath, String message) {
        assertThat(parse(body)).isEqualTo(new ParseResult.Malformed(fieldPath, message));
    }

    @Test
    void malformedDescribesPathAndReason() {
        ParseResult result = parse(callEvent("call_ended").field("start_timestamp", "\"abc\"").json());

        assertThat(((ParseResult.Malformed) result).describe())
                .isEqualTo("call.start_timestamp: must be a number, found a string");
    }

    private ParseResult parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
