package io.callhook.core.contract;

import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.Contact;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellPayloads.CallEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Random but reproducible Retell call histories (event bodies in emission order) for order and race properties. */
public final class CallHistories {

    /** Epoch ms the generated calls start from. */
    public static final long START = 1_790_006_400_000L;

    private static final List<String> REASONS = List.of("agent_hangup", "user_hangup", "voicemail_reached",
            "dial_no_answer", "dial_busy", "user_declined", "dial_failed", "invalid_destination",
            "error_llm_websocket_open", "marked_as_spam", "reason_from_the_future");

    private CallHistories() {
    }

    /**
     * One outbound campaign call, emission order: a random disconnection reason; {@code call_started} (and maybe a
     * transcript update) only when it connected; then {@code call_ended} and {@code call_analyzed}. Linked through
     * metadata or by the dialled number, at random.
     */
    public static List<byte[]> outbound(String retellAgent, String ourNumber, CampaignId campaignId, Contact contact,
                                        int index, Random random) {
        String callId = "call_out_" + index;
        String reason = REASONS.get(random.nextInt(REASONS.size()));
        boolean connected = List.of("agent_hangup", "user_hangup", "voicemail_reached").contains(reason);
        boolean viaMetadata = random.nextBoolean();
        Function<String, CallEventBuilder> event = name -> {
            CallEventBuilder b = RetellPayloads.callEvent(name).callId(callId).agentId(retellAgent)
                    .direction("outbound").fromNumber(ourNumber).toNumber(contact.phoneNumber().value());
            if (viaMetadata) {
                b = b.metadata("{\"campaign_id\":\"" + campaignId + "\",\"contact_id\":\"" + contact.id() + "\"}");
            }
            return b;
        };
        long start = START + index * 1_000_000L;
        String terminalStatus = connected ? "ended" : reason.startsWith("error") ? "error" : "not_connected";
        boolean successful = connected && random.nextBoolean();
        boolean inVoicemail = reason.equals("voicemail_reached") || (connected && random.nextInt(4) == 0);
        List<byte[]> events = new ArrayList<>();
        if (connected) {
            events.add(event.apply("call_started").callStatus("ongoing").startMs(start).bytes());
            if (random.nextBoolean()) {
                events.add(event.apply("transcript_updated").callStatus("ongoing").startMs(start)
                        .transcript("Agent: Hello").bytes());
            }
        }
        CallEventBuilder ended = event.apply("call_ended").callStatus(terminalStatus).disconnectionReason(reason);
        CallEventBuilder analysed = event.apply("call_analyzed").callStatus(terminalStatus).disconnectionReason(reason)
                .callSuccessful(successful).inVoicemail(inVoicemail);
        if (connected) {
            long end = start + 60_000 + random.nextInt(100_000);
            ended = ended.startMs(start).endMs(end).durationMs(end - start).costCents("12.345").transcript("Agent: Hello\nUser: Hi");
            analysed = analysed.startMs(start).endMs(end).durationMs(end - start).costCents("12.345")
                    .transcript("Agent: Hello\nUser: Hi").callSummary("talked");
        } else {
            ended = ended.durationMs(0).costCents("0");
            analysed = analysed.durationMs(0).costCents("0");
        }
        events.add(ended.bytes());
        events.add(analysed.bytes());
        return events;
    }

    /** One inbound call to {@code ourNumber}, with or without the inbound webhook (with or without its call id). */
    public static List<byte[]> inbound(String retellAgent, String ourNumber, int index, Random random) {
        String callId = "call_in_" + index;
        String caller = "+1310555" + String.format("%04d", index);
        Function<String, CallEventBuilder> event = name -> RetellPayloads.callEvent(name).callId(callId)
                .agentId(retellAgent).direction("inbound").fromNumber(caller).toNumber(ourNumber);
        List<byte[]> events = new ArrayList<>();
        if (random.nextBoolean()) {
            // a version only the inbound webhook tells: it must end on the call whether it came first or last
            var inbound = RetellPayloads.callInbound(caller, ourNumber).agentId(retellAgent).agentVersion(2);
            events.add((random.nextBoolean() ? inbound.callId(callId) : inbound).bytes());
        }
        events.add(event.apply("call_started").callStatus("ongoing").startMs(START).bytes());
        events.add(event.apply("call_ended").callStatus("ended").disconnectionReason("user_hangup").startMs(START)
                .endMs(START + 30_000).bytes());
        events.add(event.apply("call_analyzed").callStatus("ended").disconnectionReason("user_hangup")
                .startMs(START).endMs(START + 30_000).callSuccessful(true).bytes());
        return events;
    }
}
