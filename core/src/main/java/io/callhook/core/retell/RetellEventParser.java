package io.callhook.core.retell;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns the raw body of a Retell webhook delivery into a typed {@link RetellEvent}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #parse(byte[])} never throws, whatever the bytes: unusable input is a {@link ParseResult.Malformed}
 *       naming the offending field ({@code $} for the body as a whole) with a message fit for an operator;</li>
 *   <li>every known event name maps to its record; any other name is an {@link UnrecognisedEvent}, not a failure,
 *       because Retell adds events over time;</li>
 *   <li>the call object is read from {@code call}, or from {@code data} when an older delivery has no {@code call}; a
 *       {@code transcript_updated} carrying a {@code chat} object instead is a {@link ChatEvent};</li>
 *   <li>unknown fields and absent optional fields are accepted (JSON {@code null} counts as absent), but an optional
 *       field that is present with the wrong JSON type is reported, rather than silently dropped;</li>
 *   <li>units are converted once, here: epoch milliseconds become {@link Instant}s and costs stay in cents as the exact
 *       decimal that was written.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 */
public final class RetellEventParser {

    private static final String EVENT = "event";
    private static final String EVENT_TIMESTAMP = "event_timestamp";
    private static final String CALL = "call";
    /** Older deliveries carried the call object under {@code data}. */
    private static final String LEGACY_CALL = "data";
    private static final String CHAT = "chat";
    private static final String TRANSFER_DESTINATION = "transfer_destination";
    private static final String TRANSFER_OPTION = "transfer_option";

    /**
     * Configured once, then only read: ObjectMapper is thread-safe for that use. Floats become BigDecimal, kept with
     * their written scale ({@code 5.110} stays {@code 5.110}), so money is never rounded through a double. Trailing
     * content and duplicate keys make a body invalid: both leave the meaning of the body ambiguous.
     */
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Creates a parser; it holds no per-delivery state. */
    public RetellEventParser() {
    }

    /**
     * Parses one delivery body.
     *
     * @param body the request body exactly as received; {@code null} is treated like an empty body
     * @return {@link ParseResult.Parsed} with the event, or {@link ParseResult.Malformed}; never {@code null}, never
     *         throws
     */
    public ParseResult parse(byte[] body) {
        try {
            return new ParseResult.Parsed(toEvent(WireObject.root(readTree(body))));
        } catch (MalformedFieldException e) {
            return new ParseResult.Malformed(e.fieldPath(), e.getMessage());
        }
    }

    private JsonNode readTree(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null ? null : mapper.readTree(utf8(body));
        } catch (StreamConstraintsException e) {
            throw new MalformedFieldException(WireObject.ROOT, "body exceeds the JSON nesting or size limits");
        } catch (JsonEOFException e) {
            throw new MalformedFieldException(WireObject.ROOT, "body ends in the middle of a JSON value" + at(e));
        } catch (MismatchedInputException e) {
            // With a tree as target this is only FAIL_ON_TRAILING_TOKENS; Jackson's own text names Java classes.
            throw new MalformedFieldException(WireObject.ROOT, "body has content after the JSON value" + at(e));
        } catch (JsonProcessingException e) {
            throw new MalformedFieldException(WireObject.ROOT, "body is not valid JSON" + at(e));
        } catch (IOException e) {
            // CharConversionException and the like: bytes that are not text in any JSON encoding.
            throw new MalformedFieldException(WireObject.ROOT, "body is not valid JSON text");
        }
        // Jackson answers empty and whitespace-only input with a missing node (or null), not an exception.
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedFieldException(WireObject.ROOT, "body is empty");
        }
        return tree;
    }

    /**
     * The body as text, decoded strictly: bytes that are not UTF-8 (the only encoding RFC 8259 allows between systems)
     * throw. Jackson is given characters rather than bytes because its byte parser refuses an escaped lone surrogate
     * ({@code "\udfff"}) in an object key while it takes one in a value; its character parser takes both, so a signed
     * body with such a key is parsed and kept like any other (stored by the lone-surrogate rule of the database).
     */
    private static String utf8(byte[] body) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
        // a byte order mark is allowed before UTF-8 JSON and is not part of it (Jackson's byte parser skipped it too)
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Where Jackson stopped, as {@code " (line L, column C)"}; empty when unknown. */
    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static RetellEvent toEvent(WireObject body) {
        String name = body.requiredId(EVENT);
        Instant at = body.epochMillis(EVENT_TIMESTAMP);
        return switch (name) {
            case CallStarted.NAME -> new CallStarted(call(body), at);
            case CallEnded.NAME -> new CallEnded(call(body), at);
            case CallAnalyzed.NAME -> new CallAnalyzed(call(body), at);
            // Chat agents can opt in to transcript_updated too; only the object key tells the two apart.
            case TranscriptUpdated.NAME -> isChat(body) ? chat(name, body, at) : new TranscriptUpdated(call(body), at);
            case TransferStarted.NAME -> new TransferStarted(
                    call(body), body.raw(TRANSFER_DESTINATION), body.raw(TRANSFER_OPTION), at);
            case TransferBridged.NAME -> new TransferBridged(
                    call(body), body.raw(TRANSFER_DESTINATION), body.raw(TRANSFER_OPTION), at);
            case TransferCancelled.NAME -> new TransferCancelled(
                    call(body), body.raw(TRANSFER_DESTINATION), body.raw(TRANSFER_OPTION), at);
            case TransferEnded.NAME -> new TransferEnded(
                    call(body), body.raw(TRANSFER_DESTINATION), body.raw(TRANSFER_OPTION), at);
            // For the inbound webhooks the object key is the event name itself.
            case CallInbound.NAME -> callInbound(body.requiredObject(CallInbound.NAME), at);
            case ChatInbound.NAME -> chatInbound(body.requiredObject(ChatInbound.NAME), at);
            case "chat_started", "chat_ended", "chat_analyzed" -> chat(name, body, at);
            default -> new UnrecognisedEvent(name, body.node(), at);
        };
    }

    private static boolean isChat(WireObject body) {
        return body.has(CHAT) && !body.has(CALL) && !body.has(LEGACY_CALL);
    }

    /** The call object: under {@code call}, or under {@code data} for older deliveries that have no {@code call}. */
    private static CallSnapshot call(WireObject body) {
        boolean legacy = !body.has(CALL) && body.has(LEGACY_CALL);
        return snapshot(body.requiredObject(legacy ? LEGACY_CALL : CALL));
    }

    private static CallSnapshot snapshot(WireObject call) {
        WireObject analysis = call.object("call_analysis");
        WireObject cost = call.object("call_cost");
        return new CallSnapshot(
                call.requiredId("call_id"),
                call.wireEnum("call_type", CallType::fromWire),
                call.text("agent_id"),
                call.intValue("agent_version"),
                call.text("agent_name"),
                call.wireEnum("call_status", CallStatus::fromWire),
                call.wireEnum("direction", Direction::fromWire),
                call.text("from_number"),
                call.text("to_number"),
                call.raw("metadata"),
                call.stringMap("retell_llm_dynamic_variables"),
                call.epochMillis("start_timestamp"),
                call.epochMillis("end_timestamp"),
                call.longValue("duration_ms"),
                call.text("disconnection_reason"),
                call.text("transcript"),
                call.array("transcript_object"),
                call.array("transcript_with_tool_calls"),
                call.text("recording_url"),
                call.text("public_log_url"),
                analysis == null ? null : analysis(analysis),
                cost == null ? null : cost(cost),
                // A string here (a number or sip: URI); unlike the envelope field of the same name, never an object.
                call.scalarText(TRANSFER_DESTINATION),
                call.epochMillis("transfer_end_timestamp"),
                call.node());
    }

    private static CallAnalysis analysis(WireObject analysis) {
        return new CallAnalysis(
                analysis.text("call_summary"),
                analysis.bool("in_voicemail"),
                analysis.wireEnum("user_sentiment", Sentiment::fromWire),
                analysis.bool("call_successful"),
                analysis.raw("custom_analysis_data"));
    }

    private static CallCost cost(WireObject cost) {
        return new CallCost(
                cost.decimal("combined_cost"),
                cost.objects("product_costs").stream().map(RetellEventParser::productCost).toList(),
                cost.decimal("total_duration_seconds"),
                cost.decimal("total_duration_unit_price"));
    }

    private static CallCost.ProductCost productCost(WireObject item) {
        return new CallCost.ProductCost(
                item.text("product"),
                item.decimal("cost"),
                item.decimal("unit_price"),
                Boolean.TRUE.equals(item.bool("is_transfer_leg_cost")));
    }

    private static CallInbound callInbound(WireObject inbound, Instant at) {
        return new CallInbound(
                inbound.optionalId("call_id"),
                inbound.text("agent_id"),
                inbound.intValue("agent_version"),
                inbound.requiredText("from_number"),
                inbound.requiredText("to_number"),
                inbound.stringMap("custom_sip_headers"),
                at);
    }

    private static ChatInbound chatInbound(WireObject inbound, Instant at) {
        return new ChatInbound(
                inbound.optionalId("chat_id"),
                inbound.text("agent_id"),
                inbound.intValue("agent_version"),
                inbound.requiredText("from_number"),
                inbound.requiredText("to_number"),
                at);
    }

    private static ChatEvent chat(String name, WireObject body, Instant at) {
        WireObject chat = body.requiredObject(CHAT);
        return new ChatEvent(name, chat.requiredId("chat_id"), chat.text("agent_id"), chat.text("chat_status"),
                chat.node(), at);
    }
}
