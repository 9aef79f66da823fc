package io.callhook.db.race;

import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellPayloads.CallEventBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * One call per contact of a {@link RaceWorld} campaign, with a mix of outcomes, and what the campaign must look like once
 * all their events are in, written down per kind of call here rather than computed by the code under test.
 *
 * <p>The campaign's retry policy must allow one attempt only, so that every contact is closed by its one call and the
 * campaign completes: connected calls complete their contact, every other outcome fails it.
 */
final class CampaignScenario {

    /** Kinds of call, with the outcome and campaign effect each must have. */
    enum Kind {
        CONNECTED_SUCCESSFUL("agent_hangup", "ended", true, true, false, Outcome.CONNECTED),
        CONNECTED_UNSUCCESSFUL("user_hangup", "ended", true, false, false, Outcome.CONNECTED),
        VOICEMAIL("voicemail_reached", "ended", true, false, true, Outcome.VOICEMAIL),
        /** Connected by its disconnection reason, but the analysis found voicemail: its counters move on analysis. */
        VOICEMAIL_BY_ANALYSIS("user_hangup", "ended", true, false, true, Outcome.VOICEMAIL),
        NO_ANSWER("dial_no_answer", "not_connected", false, false, false, Outcome.NO_ANSWER),
        BUSY("dial_busy", "not_connected", false, false, false, Outcome.BUSY),
        DECLINED("user_declined", "not_connected", false, false, false, Outcome.DECLINED),
        PLATFORM_ERROR("error_llm_websocket_open", "error", false, false, false, Outcome.PLATFORM_ERROR);

        final String reason;
        final String terminalStatus;
        final boolean connected;
        final boolean successful;
        final boolean inVoicemail;
        final Outcome outcome;

        Kind(String reason, String terminalStatus, boolean connected, boolean successful, boolean inVoicemail,
             Outcome outcome) {
            this.reason = reason;
            this.terminalStatus = terminalStatus;
            this.connected = connected;
            this.successful = successful;
            this.inVoicemail = inVoicemail;
            this.outcome = outcome;
        }

        /** With one attempt allowed: a person reached completes the contact, anything else fails it. */
        ContactStatus contactStatus() {
            return outcome == Outcome.CONNECTED ? ContactStatus.COMPLETED : ContactStatus.FAILED;
        }
    }

    /** One planned call: its contact, its kind and its events in the order Retell emits them. */
    record PlannedCall(String callId, Contact contact, Kind kind, List<byte[]> events) {
    }

    private static final long START = 1_790_006_400_000L;

    private final List<PlannedCall> calls;

    private CampaignScenario(List<PlannedCall> calls) {
        this.calls = List.copyOf(calls);
    }

    /**
     * One call per contact of the world's campaign; kinds in equal shares (assigned in turn), everything else
     * (linking by metadata or by dialled number, transcript updates, whether a never-connected call gets an analysis)
     * drawn from {@code seed}.
     */
    static CampaignScenario generate(RaceWorld world, long seed) {
        Random random = new Random(seed);
        Kind[] kinds = Kind.values();
        List<PlannedCall> calls = new ArrayList<>();
        for (int i = 0; i < world.contacts().size(); i++) {
            Contact contact = world.contacts().get(i);
            Kind kind = kinds[i % kinds.length];
            String callId = "call_race_" + i;
            calls.add(new PlannedCall(callId, contact, kind, events(world, contact, callId, kind, i, random)));
        }
        return new CampaignScenario(calls);
    }

    private static List<byte[]> events(RaceWorld world, Contact contact, String callId, Kind kind, int index,
                                       Random random) {
        boolean viaMetadata = random.nextBoolean();
        Function<String, CallEventBuilder> event = name -> {
            CallEventBuilder b = RetellPayloads.callEvent(name).callId(callId).agentId(RaceWorld.RETELL_AGENT)
                    .direction("outbound").fromNumber(RaceWorld.OUR_NUMBER).toNumber(contact.phoneNumber().value());
            return viaMetadata
                    ? b.metadata("{\"campaign_id\":\"" + world.campaign().id() + "\",\"contact_id\":\"" + contact.id()
                    + "\"}")
                    : b;
        };
        long start = START + index * 1_000_000L;
        List<byte[]> events = new ArrayList<>();
        CallEventBuilder ended = event.apply("call_ended").callStatus(kind.terminalStatus)
                .disconnectionReason(kind.reason);
        CallEventBuilder analysed = event.apply("call_analyzed").callStatus(kind.terminalStatus)
                .disconnectionReason(kind.reason).callSuccessful(kind.successful).inVoicemail(kind.inVoicemail);
        if (kind.connected) {
            long end = start + 60_000 + random.nextInt(100_000);
            events.add(event.apply("call_started").callStatus("ongoing").startMs(start).bytes());
            if (random.nextBoolean()) {
                events.add(event.apply("transcript_updated").callStatus("ongoing").startMs(start)
                        .transcript("Agent: Hello").bytes());
            }
            events.add(ended.startMs(start).endMs(end).durationMs(end - start).costCents("12.345")
                    .transcript("Agent: Hello\nUser: Hi").bytes());
            events.add(analysed.startMs(start).endMs(end).durationMs(end - start).costCents("12.345")
                    .transcript("Agent: Hello\nUser: Hi").callSummary("talked").bytes());
        } else {
            // never connected: no call_started; Retell may or may not analyse such a call
            events.add(ended.durationMs(0).costCents("0").bytes());
            if (random.nextBoolean()) {
                events.add(analysed.durationMs(0).costCents("0").bytes());
            }
        }
        return events;
    }

    List<PlannedCall> calls() {
        return calls;
    }

    /** Every distinct event once. */
    List<byte[]> distinctEvents() {
        return calls.stream().flatMap(c -> c.events().stream()).toList();
    }

    /** Every event {@code copies} times, shuffled with {@code random}. */
    List<Delivery> deliveries(int copies, Random random) {
        List<Delivery> deliveries = new ArrayList<>();
        for (byte[] body : distinctEvents()) {
            for (int c = 0; c < copies; c++) {
                deliveries.add(new Delivery(body, RaceWorld.NOW));
            }
        }
        Collections.shuffle(deliveries, random);
        return deliveries;
    }

    /** Counters once every event is in: each call counted once, under its kind's outcome. */
    CampaignProgress expectedProgress() {
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        long successful = 0;
        for (PlannedCall call : calls) {
            byOutcome.merge(call.kind().outcome, 1L, Long::sum);
            successful += call.kind().successful ? 1 : 0;
        }
        return new CampaignProgress(calls.size(), successful, byOutcome);
    }

    /** How many calls of each kind, for messages. */
    Map<Kind, Long> kindCounts() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        calls.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts;
    }
}
