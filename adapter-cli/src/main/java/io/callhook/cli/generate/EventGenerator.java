package io.callhook.cli.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.core.retell.RetellSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Synthetic but realistic Retell traffic for load tests of {@code callhook replay}: outbound calls of one agent, each
 * with four webhook events ({@code call_started}, {@code transcript_updated}, {@code call_ended}, {@code call_analyzed})
 * shaped like Retell's (see the recorded fixtures), and a matching set-up file (organisation, agent, our number, one
 * processing campaign whose contacts are the dialled numbers) so the events move a campaign as real ones would.
 *
 * <p>Deterministic: the same seed and count give the same bytes. Outcomes are mixed: about 55% answered (most of them
 * successful), 15% voicemail, 20% no answer, 10% busy.
 */
public final class EventGenerator {

    /** The events of one call, in emission order. */
    public static final List<String> EVENTS = List.of("call_started", "transcript_updated", "call_ended",
            "call_analyzed");
    /** Our number, the caller id of every generated call. */
    public static final String FROM_NUMBER = "+15555550100";
    private static final long FIRST_DIALLED = 12_125_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final String agentId;
    private final Instant start;

    /**
     * @param seed    makes the run reproducible
     * @param agentId the Retell agent id of every call
     * @param start   when the first call starts; calls start 2 seconds apart
     */
    public EventGenerator(long seed, String agentId, Instant start) {
        this.seed = seed;
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.start = Objects.requireNonNull(start, "start");
    }

    /** The number call {@code index} dials (the campaign contact it belongs to). */
    public static String dialledNumber(int index) {
        return "+" + (FIRST_DIALLED + index);
    }

    /** Receives each generated body (exact bytes) and, when signing, its {@code x-retell-signature}. */
    public interface Sink {
        void accept(byte[] body, String signature) throws IOException;
    }

    /**
     * Generates {@code calls} calls, four events each, call after call.
     *
     * @param signer signs each body at its event time, or {@code null} for plain bodies
     */
    public void generate(int calls, RetellSigner signer, Sink sink) throws IOException {
        generate(0, calls, EVENTS, signer, sink);
    }

    /**
     * Generates calls {@code first} to {@code first + calls - 1} (call {@code i} dials {@link #dialledNumber(int)
     * dialledNumber(i)}), call after call, only the named events of each, in the order of {@link #EVENTS}.
     *
     * @param events a subset of {@link #EVENTS}
     * @param signer signs each body at its event time, or {@code null} for plain bodies
     */
    public void generate(int first, int calls, List<String> events, RetellSigner signer, Sink sink) throws IOException {
        if (!EVENTS.containsAll(events)) {
            throw new IllegalArgumentException("events must be among " + EVENTS + ", were " + events);
        }
        List<String> emitted = EVENTS.stream().filter(events::contains).toList();
        for (int i = first; i < first + calls; i++) {
            Call call = call(i);
            for (String event : emitted) {
                ObjectNode body = body(call, event);
                byte[] bytes = JSON.writeValueAsBytes(body);
                long at = body.get("event_timestamp").longValue();
                sink.accept(bytes, signer == null ? null : signer.sign(bytes, at));
            }
        }
    }

    /** A set-up file for {@code callhook import}: the agent, our number and a processing campaign of all dialled numbers. */
    public void writeSetup(int calls, OutputStream out) throws IOException {
        writeSetup(calls, 1, out);
    }

    /**
     * A set-up file for {@code callhook import}: the agent, our number and {@code campaigns} processing campaigns of that
     * agent sharing the dialled numbers out between them (call {@code i}'s number goes to campaign {@code i % campaigns}),
     * so that concurrent calls update different campaign rows.
     */
    public void writeSetup(int calls, int campaigns, OutputStream out) throws IOException {
        if (campaigns < 1) {
            throw new IllegalArgumentException("campaigns must be at least 1, was " + campaigns);
        }
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("organizations");
            json.writeStartObject();
            json.writeStringField("name", "Load test");
            json.writeArrayFieldStart("agents");
            json.writeStartObject();
            json.writeStringField("retell_agent_id", agentId);
            json.writeStringField("name", "Load test agent");
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("phone_numbers");
            json.writeString(FROM_NUMBER);
            json.writeEndArray();
            json.writeArrayFieldStart("campaigns");
            for (int c = 0; c < campaigns; c++) {
                json.writeStartObject();
                json.writeStringField("name", campaigns == 1 ? "Load test campaign" : "Load test campaign " + (c + 1));
                json.writeStringField("agent", agentId);
                json.writeStringField("status", "processing");
                json.writeArrayFieldStart("contacts");
                for (int i = c; i < calls; i += campaigns) {
                    json.writeStartObject();
                    json.writeStringField("phone_number", dialledNumber(i));
                    json.writeStringField("name", "Contact " + i);
                    json.writeObjectFieldStart("variables");
                    json.writeStringField("customer_name", "Contact " + i);
                    json.writeEndObject();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private enum Kind { ANSWERED, VOICEMAIL, NO_ANSWER, BUSY }

    private record Call(int index, String callId, Kind kind, boolean successful, long startMs, long durationMs) {
    }

    private Call call(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        byte[] id = new byte[14];
        random.nextBytes(id);
        int roll = random.nextInt(100);
        Kind kind = roll < 55 ? Kind.ANSWERED : roll < 70 ? Kind.VOICEMAIL : roll < 90 ? Kind.NO_ANSWER : Kind.BUSY;
        long duration = switch (kind) {
            case ANSWERED -> 30_000 + random.nextInt(240_000);
            case VOICEMAIL -> 15_000 + random.nextInt(30_000);
            default -> 0;
        };
        boolean successful = kind == Kind.ANSWERED && random.nextInt(100) < 70;
        return new Call(index, "call_" + HexFormat.of().formatHex(id), kind, successful,
                start.toEpochMilli() + index * 2_000L, duration);
    }

    private ObjectNode body(Call call, String event) {
        boolean connected = call.kind() == Kind.ANSWERED || call.kind() == Kind.VOICEMAIL;
        long ringMs = connected ? 6_000 : 25_000;
        long endMs = call.startMs() + ringMs + call.durationMs();
        ObjectNode body = JSON.createObjectNode();
        body.put("event", event);
        ObjectNode c = body.putObject("call");
        c.put("call_id", call.callId());
        c.put("call_type", "phone_call");
        c.put("agent_id", agentId);
        c.put("agent_version", 3);
        c.put("agent_name", "Load test agent");
        c.putObject("retell_llm_dynamic_variables").put("customer_name", "Contact " + call.index());
        c.putObject("metadata").put("source", "callhook generate-events");
        c.put("from_number", FROM_NUMBER);
        c.put("to_number", dialledNumber(call.index()));
        c.put("direction", "outbound");
        c.put("start_timestamp", call.startMs());
        long eventTime;
        switch (event) {
            case "call_started" -> {
                c.put("call_status", "ongoing");
                eventTime = call.startMs() + 400;
            }
            case "transcript_updated" -> {
                c.put("call_status", "ongoing");
                if (connected) {
                    c.put("transcript", "Agent: Hi, is this Contact " + call.index() + "?\n");
                    transcript(c, call, 1);
                }
                eventTime = call.startMs() + ringMs + 2_000;
            }
            default -> {
                c.put("call_status", connected ? "ended" : "not_connected");
                c.put("end_timestamp", endMs);
                c.put("duration_ms", call.durationMs());
                c.put("disconnection_reason", switch (call.kind()) {
                    case ANSWERED -> "agent_hangup";
                    case VOICEMAIL -> "voicemail_reached";
                    case NO_ANSWER -> "dial_no_answer";
                    case BUSY -> "dial_busy";
                });
                if (connected) {
                    c.put("transcript", "Agent: Hi, is this Contact " + call.index() + "?\nUser: Yes, speaking.\n"
                            + "Agent: I'm calling about your appointment. Would next Tuesday suit you?\n"
                            + "User: " + (call.successful() ? "Yes, that works." : "No, thank you.") + "\n");
                    transcript(c, call, 4);
                    c.put("recording_url", "https://dxc03zgurdly9.cloudfront.net/" + call.callId() + "/recording.wav");
                }
                c.put("public_log_url", "https://dxc03zgurdly9.cloudfront.net/" + call.callId() + "/public.log");
                ObjectNode cost = c.putObject("call_cost");
                long seconds = Math.max(1, call.durationMs() / 1000);
                cost.put("total_duration_seconds", seconds);
                cost.put("combined_cost", BigDecimal.valueOf(seconds * 117, 3));
                ArrayNode products = cost.putArray("product_costs");
                products.addObject().put("product", "elevenlabs_tts").put("cost", BigDecimal.valueOf(seconds * 117, 3))
                        .put("unit_price", new BigDecimal("0.117"));
                eventTime = endMs + 600;
                if (event.equals("call_analyzed")) {
                    ObjectNode analysis = c.putObject("call_analysis");
                    analysis.put("call_summary", connected ? "The agent offered an appointment; the user "
                            + (call.successful() ? "accepted." : "declined.") : "The call did not connect.");
                    analysis.put("in_voicemail", call.kind() == Kind.VOICEMAIL);
                    analysis.put("user_sentiment", call.successful() ? "Positive" : "Neutral");
                    analysis.put("call_successful", call.successful());
                    analysis.putObject("custom_analysis_data").put("appointment_booked", call.successful());
                    eventTime = endMs + 8_000;
                }
            }
        }
        body.put("event_timestamp", eventTime);
        return body;
    }

    private static void transcript(ObjectNode call, Call c, int turns) {
        ArrayNode transcript = call.putArray("transcript_object");
        String[][] lines = {
            {"agent", "Hi, is this Contact " + c.index() + "?"},
            {"user", "Yes, speaking."},
            {"agent", "I'm calling about your appointment. Would next Tuesday suit you?"},
            {"user", c.successful() ? "Yes, that works." : "No, thank you."}};
        double t = 0.5;
        for (int i = 0; i < turns; i++) {
            ObjectNode utterance = transcript.addObject();
            utterance.put("role", lines[i][0]);
            utterance.put("content", lines[i][1]);
            ArrayNode words = utterance.putArray("words");
            for (String word : lines[i][1].split(" ")) {
                words.addObject().put("word", word).put("start", round(t)).put("end", round(t + 0.3));
                t += 0.35;
            }
            t += 0.8;
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
