package io.callhook.core.retell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Retell webhook bodies for tests: the shared fixtures, and builders for compact bodies with exactly the fields a test
 * cares about. Shipped in core's test-jar for the other modules' tests.
 *
 * <p>Builders are immutable: every method returns a new builder, so a base payload can be shared and varied:
 * <pre>{@code
 * var ended = RetellPayloads.callEvent("call_ended").callId("call_x").agentId("agent_y");
 * byte[] answered = ended.disconnectionReason("user_hangup").bytes();
 * byte[] noAnswer = ended.callStatus("not_connected").disconnectionReason("dial_no_answer").bytes();
 * }</pre>
 * Passing {@code null} to a field setter removes the field. Every body a builder produces parses (unless a test
 * deliberately breaks it with {@link Payload#field} or {@link Payload#without}).
 */
public final class RetellPayloads {

    /** {@code call_id} of a {@link #callEvent} body unless {@link CallEventBuilder#callId} says otherwise. */
    public static final String DEFAULT_CALL_ID = "call_default";

    private static final String FIXTURE_DIRECTORY = "/retell/";
    private static final RetellEventParser PARSER = new RetellEventParser();

    /** Same number handling as the parser: decimals are written back exactly as given ({@code "12.50"} stays). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private RetellPayloads() {
    }

    /**
     * The bytes of a fixture file, exactly as stored (its signature in {@code fixture-signatures.json} covers them).
     *
     * @param fileName a file name in {@code src/test/resources/retell}, e.g. {@code 02-outbound-call_ended.json}
     * @throws AssertionError if there is no such fixture
     */
    public static byte[] fixture(String fileName) {
        try (InputStream in = RetellPayloads.class.getResourceAsStream(FIXTURE_DIRECTORY + fileName)) {
            if (in == null) {
                throw new AssertionError("no Retell fixture named " + fileName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed event of a fixture file; fails the test if it does not parse. */
    public static RetellEvent event(String fileName) {
        return parse(fixture(fileName));
    }

    /** The parsed event of a fixture file as {@code type}; fails the test if it does not parse to that type. */
    public static <T extends RetellEvent> T event(String fileName, Class<T> type) {
        return parse(fixture(fileName), type);
    }

    /** Parses {@code body} with {@link RetellEventParser}; fails the test with the parser's reason if malformed. */
    public static RetellEvent parse(byte[] body) {
        ParseResult result = PARSER.parse(body);
        if (result instanceof ParseResult.Malformed malformed) {
            throw new AssertionError("Retell body does not parse: " + malformed.describe());
        }
        return ((ParseResult.Parsed) result).event();
    }

    /** Parses {@code body} and checks it is a {@code type}; fails the test otherwise. */
    public static <T extends RetellEvent> T parse(byte[] body, Class<T> type) {
        RetellEvent event = parse(body);
        if (!type.isInstance(event)) {
            throw new AssertionError("expected a " + type.getSimpleName() + " but parsed a "
                    + event.getClass().getSimpleName() + " (" + event.name() + ")");
        }
        return type.cast(event);
    }

    /**
     * A call event body {@code {"event": eventName, "call": {...}}} for any of {@code call_started},
     * {@code call_ended}, {@code call_analyzed}, {@code transcript_updated} and {@code transfer_*} (other names give
     * an {@link UnrecognisedEvent}). Defaults: {@code call_id} {@value #DEFAULT_CALL_ID}, {@code call_type}
     * {@code phone_call}, {@code direction} {@code outbound}, and {@code call_status} {@code ended} for
     * {@code call_ended}, {@code call_analyzed} and {@code transfer_ended}, {@code ongoing} for the other known
     * events. No agent, numbers, timestamps, analysis or cost unless set.
     */
    public static CallEventBuilder callEvent(String eventName) {
        ObjectNode call = JSON.createObjectNode()
                .put("call_id", DEFAULT_CALL_ID)
                .put("call_type", CallType.PHONE_CALL.wire())
                .put("direction", Direction.OUTBOUND.wire());
        String status = defaultStatus(eventName);
        if (status != null) {
            call.put("call_status", status);
        }
        ObjectNode envelope = JSON.createObjectNode().put("event", eventName);
        envelope.set("call", call);
        return new CallEventBuilder(envelope, "call");
    }

    /** A {@code call_inbound} request body with the two fields Retell always sends; no call id or agent unless set. */
    public static CallInboundBuilder callInbound(String fromNumber, String toNumber) {
        ObjectNode inbound = JSON.createObjectNode().put("from_number", fromNumber).put("to_number", toNumber);
        ObjectNode envelope = JSON.createObjectNode().put("event", CallInbound.NAME);
        envelope.set(CallInbound.NAME, inbound);
        return new CallInboundBuilder(envelope, CallInbound.NAME);
    }

    private static String defaultStatus(String eventName) {
        return switch (eventName) {
            case CallEnded.NAME, CallAnalyzed.NAME, TransferEnded.NAME -> CallStatus.ENDED.wire();
            case CallStarted.NAME, TranscriptUpdated.NAME, TransferStarted.NAME, TransferBridged.NAME,
                    TransferCancelled.NAME -> CallStatus.ONGOING.wire();
            default -> null;
        };
    }

    private static JsonNode parseJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** One body for every concrete {@link RetellEvent} type the parser produces (see RetellEventTypeCoverageTest). */
    public static List<byte[]> oneOfEachEventType() {
        return Stream.of(
                        callEvent(CallStarted.NAME).bytes(),
                        callEvent(CallEnded.NAME).bytes(),
                        callEvent(CallAnalyzed.NAME).bytes(),
                        callEvent(TranscriptUpdated.NAME).bytes(),
                        callEvent(TransferStarted.NAME).bytes(),
                        callEvent(TransferBridged.NAME).bytes(),
                        callEvent(TransferCancelled.NAME).bytes(),
                        callEvent(TransferEnded.NAME).bytes(),
                        callInbound("+13105550123", "+14155550100").bytes(),
                        utf8Bytes("{\"event\":\"chat_inbound\",\"chat_inbound\":{\"from_number\":\"+1\",\"to_number\":\"+2\"}}"),
                        utf8Bytes("{\"event\":\"chat_started\",\"chat\":{\"chat_id\":\"chat_1\"}}"),
                        utf8Bytes("{\"event\":\"something_new\"}"))
                .toList();
    }

    private static byte[] utf8Bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What both builders share: an envelope with one object under {@code objectKey}.
     *
     * @param <B> the concrete builder, returned by every method
     */
    public abstract static class Payload<B extends Payload<B>> {

        private final ObjectNode envelope;
        private final String objectKey;

        Payload(ObjectNode envelope, String objectKey) {
            this.envelope = envelope;
            this.objectKey = objectKey;
        }

        abstract B copy(ObjectNode envelope, String objectKey);

        /** Envelope {@code event_timestamp}, epoch ms. */
        public B eventTimestampMs(long epochMs) {
            return envelope(top -> top.put("event_timestamp", epochMs));
        }

        /** Sets any field of the inner object to raw JSON, e.g. {@code field("agent_version", "\"x\"")}. */
        public B field(String name, String rawJson) {
            return set(name, parseJson(rawJson));
        }

        /** Removes a field of the inner object, e.g. {@code without("call_id")}. */
        public B without(String name) {
            return set(name, null);
        }

        /** Sets any top-level field to raw JSON, e.g. {@code envelopeField("event", "42")}. */
        public B envelopeField(String name, String rawJson) {
            return envelope(top -> top.set(name, parseJson(rawJson)));
        }

        /** The body as compact UTF-8 JSON. */
        public byte[] bytes() {
            return json().getBytes(StandardCharsets.UTF_8);
        }

        /** The body as compact JSON text. */
        public String json() {
            return envelope.toString();
        }

        /** The body parsed by {@link RetellEventParser}; fails the test if it does not parse. */
        public RetellEvent event() {
            return parse(bytes());
        }

        /** Sets ({@code value != null}) or removes ({@code null}) a field of the inner object. */
        final B set(String name, JsonNode value) {
            return inner(object -> {
                if (value == null) {
                    object.remove(name);
                } else {
                    object.set(name, value);
                }
            });
        }

        final B text(String name, String value) {
            return set(name, value == null ? null : JSON.getNodeFactory().textNode(value));
        }

        final B number(String name, long value) {
            return set(name, JSON.getNodeFactory().numberNode(value));
        }

        /** Changes a copy of the inner object; the receiver stays as it was. */
        final B inner(Consumer<ObjectNode> change) {
            return envelope(top -> change.accept((ObjectNode) top.get(objectKey)));
        }

        /** Changes a copy of the whole body; the receiver stays as it was. */
        final B envelope(Consumer<ObjectNode> change) {
            ObjectNode copy = envelope.deepCopy();
            change.accept(copy);
            return copy(copy, objectKey);
        }

        /** Moves the inner object to another top-level key, keeping the field order. */
        final B renameObject(String newKey) {
            ObjectNode renamed = JSON.createObjectNode();
            envelope.properties().forEach(field -> renamed.set(
                    field.getKey().equals(objectKey) ? newKey : field.getKey(), field.getValue().deepCopy()));
            return copy(renamed, newKey);
        }
    }

    /** Builds a call event body; see {@link RetellPayloads#callEvent(String)}. */
    public static final class CallEventBuilder extends Payload<CallEventBuilder> {

        private CallEventBuilder(ObjectNode envelope, String objectKey) {
            super(envelope, objectKey);
        }

        @Override
        CallEventBuilder copy(ObjectNode envelope, String objectKey) {
            return new CallEventBuilder(envelope, objectKey);
        }

        /** {@code call.call_id}. */
        public CallEventBuilder callId(String callId) {
            return text("call_id", callId);
        }

        /** {@code call.agent_id}. */
        public CallEventBuilder agentId(String agentId) {
            return text("agent_id", agentId);
        }

        /** {@code call.agent_version}. */
        public CallEventBuilder agentVersion(int version) {
            return number("agent_version", version);
        }

        /** {@code call.agent_name}. */
        public CallEventBuilder agentName(String name) {
            return text("agent_name", name);
        }

        /** {@code call.call_type} as on the wire: {@code phone_call} (default) or {@code web_call}. */
        public CallEventBuilder callType(String wire) {
            return text("call_type", wire);
        }

        /** {@code call.call_status} as on the wire, e.g. {@code not_connected}. */
        public CallEventBuilder callStatus(String wire) {
            return text("call_status", wire);
        }

        /** {@code call.direction} as on the wire: {@code outbound} (default) or {@code inbound}. */
        public CallEventBuilder direction(String wire) {
            return text("direction", wire);
        }

        /** {@code call.from_number}, as sent (not validated). */
        public CallEventBuilder fromNumber(String number) {
            return text("from_number", number);
        }

        /** {@code call.to_number}, as sent (not validated). */
        public CallEventBuilder toNumber(String number) {
            return text("to_number", number);
        }

        /** {@code call.metadata} as raw JSON, e.g. {@code {"campaign_id":"…","contact_id":"…"}}. */
        public CallEventBuilder metadata(String rawJson) {
            return field("metadata", rawJson);
        }

        /** Adds one entry to {@code call.retell_llm_dynamic_variables}. */
        public CallEventBuilder dynamicVariable(String name, String value) {
            return inner(call -> call.withObjectProperty("retell_llm_dynamic_variables").put(name, value));
        }

        /** {@code call.start_timestamp}, epoch ms. */
        public CallEventBuilder startMs(long epochMs) {
            return number("start_timestamp", epochMs);
        }

        /** {@code call.end_timestamp}, epoch ms. */
        public CallEventBuilder endMs(long epochMs) {
            return number("end_timestamp", epochMs);
        }

        /** {@code call.duration_ms}. */
        public CallEventBuilder durationMs(long durationMs) {
            return number("duration_ms", durationMs);
        }

        /** {@code call.disconnection_reason} as on the wire, e.g. {@code dial_no_answer}; unknown values are fine. */
        public CallEventBuilder disconnectionReason(String wire) {
            return text("disconnection_reason", wire);
        }

        /** {@code call.transcript}. */
        public CallEventBuilder transcript(String transcript) {
            return text("transcript", transcript);
        }

        /** {@code call.recording_url}. */
        public CallEventBuilder recordingUrl(String url) {
            return text("recording_url", url);
        }

        /** {@code call.public_log_url}. */
        public CallEventBuilder publicLogUrl(String url) {
            return text("public_log_url", url);
        }

        /** {@code call.call_analysis.call_summary}. */
        public CallEventBuilder callSummary(String summary) {
            return analysis(analysis -> analysis.put("call_summary", summary));
        }

        /** {@code call.call_analysis.user_sentiment} as on the wire (capitalised: {@code Positive}, …). */
        public CallEventBuilder userSentiment(String wire) {
            return analysis(analysis -> analysis.put("user_sentiment", wire));
        }

        /** {@code call.call_analysis.call_successful}. */
        public CallEventBuilder callSuccessful(boolean successful) {
            return analysis(analysis -> analysis.put("call_successful", successful));
        }

        /** {@code call.call_analysis.in_voicemail}. */
        public CallEventBuilder inVoicemail(boolean inVoicemail) {
            return analysis(analysis -> analysis.put("in_voicemail", inVoicemail));
        }

        /** {@code call.call_analysis.custom_analysis_data} as raw JSON. */
        public CallEventBuilder customAnalysisData(String rawJson) {
            return analysis(analysis -> analysis.set("custom_analysis_data", parseJson(rawJson)));
        }

        /** {@code call.call_cost.combined_cost}, in cents written exactly as given, e.g. {@code "43.945"}. */
        public CallEventBuilder costCents(String combinedCents) {
            return cost(cost -> cost.put("combined_cost", new BigDecimal(combinedCents)));
        }

        /** {@code call.call_cost.total_duration_seconds}. */
        public CallEventBuilder totalDurationSeconds(long seconds) {
            return cost(cost -> cost.put("total_duration_seconds", seconds));
        }

        /** Appends an AI-leg item to {@code call.call_cost.product_costs}. */
        public CallEventBuilder productCost(String product, String costCents) {
            return productCost(product, costCents, false);
        }

        /** Appends a human-leg item ({@code is_transfer_leg_cost: true}) to {@code call.call_cost.product_costs}. */
        public CallEventBuilder transferLegCost(String product, String costCents) {
            return productCost(product, costCents, true);
        }

        /** {@code call.transfer_destination}: the string (number or {@code sip:} URI) set on {@code call_transfer}. */
        public CallEventBuilder transferDestination(String destination) {
            return text("transfer_destination", destination);
        }

        /** {@code call.transfer_end_timestamp}, epoch ms. */
        public CallEventBuilder transferEndMs(long epochMs) {
            return number("transfer_end_timestamp", epochMs);
        }

        /** Envelope {@code transfer_destination} object {@code {number, extension}} of {@code transfer_*} events. */
        public CallEventBuilder envelopeTransferDestination(String number, String extension) {
            return envelope(top -> top.putObject("transfer_destination").put("number", number)
                    .put("extension", extension));
        }

        /** Envelope {@code transfer_option} of {@code transfer_*} events, as raw JSON. */
        public CallEventBuilder transferOption(String rawJson) {
            return envelopeField("transfer_option", rawJson);
        }

        /** Moves the call object under the {@code data} key, as older deliveries had it. */
        public CallEventBuilder underLegacyDataKey() {
            return renameObject("data");
        }

        private CallEventBuilder analysis(Consumer<ObjectNode> change) {
            return inner(call -> change.accept(call.withObjectProperty("call_analysis")));
        }

        private CallEventBuilder cost(Consumer<ObjectNode> change) {
            return inner(call -> change.accept(call.withObjectProperty("call_cost")));
        }

        private CallEventBuilder productCost(String product, String costCents, boolean transferLeg) {
            return cost(cost -> {
                ObjectNode item = cost.withArrayProperty("product_costs").addObject()
                        .put("product", product)
                        .put("cost", new BigDecimal(costCents));
                if (transferLeg) {
                    item.put("is_transfer_leg_cost", true);
                }
            });
        }
    }

    /** Builds a {@code call_inbound} request body; see {@link RetellPayloads#callInbound(String, String)}. */
    public static final class CallInboundBuilder extends Payload<CallInboundBuilder> {

        private CallInboundBuilder(ObjectNode envelope, String objectKey) {
            super(envelope, objectKey);
        }

        @Override
        CallInboundBuilder copy(ObjectNode envelope, String objectKey) {
            return new CallInboundBuilder(envelope, objectKey);
        }

        /** {@code call_inbound.call_id} (newer SDKs send one). */
        public CallInboundBuilder callId(String callId) {
            return text("call_id", callId);
        }

        /** {@code call_inbound.agent_id}: the number's inbound agent. */
        public CallInboundBuilder agentId(String agentId) {
            return text("agent_id", agentId);
        }

        /** {@code call_inbound.agent_version}. */
        public CallInboundBuilder agentVersion(int version) {
            return number("agent_version", version);
        }

        /** Adds one entry to {@code call_inbound.custom_sip_headers}. */
        public CallInboundBuilder customSipHeader(String name, String value) {
            return inner(inbound -> inbound.withObjectProperty("custom_sip_headers").put(name, value));
        }
    }
}
