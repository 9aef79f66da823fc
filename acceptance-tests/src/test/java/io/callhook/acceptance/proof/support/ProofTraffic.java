package io.callhook.acceptance.proof.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.acceptance.proof.support.Load.Delivery;
import io.callhook.acceptance.support.ApiClient;
import io.callhook.acceptance.support.Management;
import io.callhook.acceptance.support.Views;
import io.callhook.cli.generate.EventGenerator;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellPayloads.CallEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/**
 * The world the load scenarios run in, set up through the management API, and the calls they deliver:
 * <ul>
 * <li>outbound calls of one processing campaign, from the CLI's {@link EventGenerator} (the same traffic as the
 *     README's load test: four events a call, answered, voicemail, no answer and busy mixed); the campaign allows one
 *     attempt and retries nothing, so every contact ends {@code completed} (a person answered) or {@code failed};</li>
 * <li>inbound calls to our registered number, announced by {@code call_inbound} and then started, ended and analysed;
 *     each notifies both users of the organisation once.</li>
 * </ul>
 * What the end state must be is computed here from what was generated, not by the code under test.
 */
public final class ProofTraffic {

    public static final String ORGANIZATION = "Proof Dental";
    public static final String OUTBOUND_AGENT = "agent_proof_outbound_1a2b3c4d5e6f";
    public static final String INBOUND_AGENT = "agent_proof_inbound_7a8b9c0d1e2f";
    public static final String INBOUND_NUMBER = "+14155550999";
    public static final String CAMPAIGN = "Proof recall";
    public static final List<String> USERS = List.of("ann@proof.test", "bob@proof.test");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST_CALL = Instant.parse("2026-09-21T14:00:00Z");

    /**
     * One generated call: its events in the order Retell emits them, and what it must count as.
     *
     * @param outcome    the campaign outcome it must be counted under ({@code null} for an inbound call)
     * @param dialled    the contact's number (outbound) or the caller's (inbound)
     */
    public record GeneratedCall(String callId, String dialled, String outcome, boolean successful,
                                List<Delivery> events) {
    }

    private ProofTraffic() {
    }

    /** Creates the organisation, its two users, both agents, our numbers and the processing campaign. */
    public static String setUp(ApiClient api, int outboundCalls) {
        Management manage = new Management(api);
        String organization = manage.organization(ORGANIZATION).path("id").asText();
        USERS.forEach(email -> manage.user(organization, email, email.substring(0, 3)));
        String outbound = manage.agent(organization, OUTBOUND_AGENT, "Recall").path("id").asText();
        String inbound = manage.agent(organization, INBOUND_AGENT, "Front desk").path("id").asText();
        manage.phoneNumber(organization, EventGenerator.FROM_NUMBER, null);
        manage.phoneNumber(organization, INBOUND_NUMBER, inbound);
        String campaign = manage.campaign(organization, outbound, CAMPAIGN, List.of(), 1, 3600).path("id").asText();
        if (outboundCalls > 0) {
            String csv = IntStream.range(0, outboundCalls)
                    .mapToObj(i -> EventGenerator.dialledNumber(i) + ",Contact " + i)
                    .collect(Collectors.joining("\n", "phone_number,name\n", "\n"));
            assertThat(manage.contactsCsv(campaign, csv).path("added").asInt()).isEqualTo(outboundCalls);
        }
        manage.status(campaign, "processing");
        return campaign;
    }

    /** {@code count} outbound calls of the campaign, reproducible from {@code seed}. */
    public static List<GeneratedCall> outboundCalls(int count, long seed) {
        Map<String, List<Delivery>> events = new HashMap<>();
        Map<String, JsonNode> analysed = new HashMap<>();
        try {
            new EventGenerator(seed, OUTBOUND_AGENT, FIRST_CALL).generate(count, null, (body, signature) -> {
                JsonNode json = JSON.readTree(body);
                String callId = json.path("call").path("call_id").asText();
                String event = json.path("event").asText();
                events.computeIfAbsent(callId, id -> new ArrayList<>()).add(new Delivery(callId + "/" + event, body));
                if (event.equals("call_analyzed")) {
                    analysed.put(callId, json.path("call"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return analysed.entrySet().stream()
                .map(e -> new GeneratedCall(e.getKey(), e.getValue().path("to_number").asText(),
                        outcomeOf(e.getValue().path("disconnection_reason").asText()),
                        e.getValue().path("call_analysis").path("call_successful").asBoolean(),
                        List.copyOf(events.get(e.getKey()))))
                .sorted((a, b) -> a.dialled().compareTo(b.dialled()))
                .toList();
    }

    /** The outcome of each disconnection reason the generator uses, as Retell's documentation defines them. */
    private static String outcomeOf(String disconnectionReason) {
        return switch (disconnectionReason) {
            case "agent_hangup" -> "connected";
            case "voicemail_reached" -> "voicemail";
            case "dial_no_answer" -> "no_answer";
            case "dial_busy" -> "busy";
            default -> throw new IllegalStateException("the generator used " + disconnectionReason);
        };
    }

    /** {@code count} inbound calls to {@link #INBOUND_NUMBER}: {@code call_inbound}, started, ended, analysed. */
    public static List<GeneratedCall> inboundCalls(int count) {
        List<GeneratedCall> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String callId = String.format("call_proof_inbound_%05d", i);
            String caller = String.format("+1310555%04d", i);
            long start = FIRST_CALL.toEpochMilli() + i * 60_000L;
            long end = start + 95_000;
            List<Delivery> events = new ArrayList<>();
            events.add(new Delivery(callId + "/call_inbound", RetellPayloads.callInbound(caller, INBOUND_NUMBER)
                    .callId(callId).agentId(INBOUND_AGENT).agentVersion(2).bytes()));
            CallEventBuilder base = RetellPayloads.callEvent("call_started").callId(callId).agentId(INBOUND_AGENT)
                    .direction("inbound").fromNumber(caller).toNumber(INBOUND_NUMBER).startMs(start);
            events.add(new Delivery(callId + "/call_started", base.callStatus("ongoing").bytes()));
            CallEventBuilder ended = RetellPayloads.callEvent("call_ended").callId(callId).agentId(INBOUND_AGENT)
                    .direction("inbound").fromNumber(caller).toNumber(INBOUND_NUMBER).startMs(start).endMs(end)
                    .durationMs(end - start).disconnectionReason("user_hangup").costCents("11.7")
                    .transcript("Agent: Front desk, how can I help?\nUser: I'd like to book a cleaning.");
            events.add(new Delivery(callId + "/call_ended", ended.bytes()));
            events.add(new Delivery(callId + "/call_analyzed", RetellPayloads.callEvent("call_analyzed")
                    .callId(callId).agentId(INBOUND_AGENT).direction("inbound").fromNumber(caller)
                    .toNumber(INBOUND_NUMBER).startMs(start).endMs(end).durationMs(end - start)
                    .disconnectionReason("user_hangup").costCents("11.7")
                    .transcript("Agent: Front desk, how can I help?\nUser: I'd like to book a cleaning.")
                    .callSummary("The caller booked a cleaning.").callSuccessful(true).userSentiment("Positive")
                    .bytes()));
            calls.add(new GeneratedCall(callId, caller, null, false, List.copyOf(events)));
        }
        return calls;
    }

    /** Every event of these calls, call after call, each in emission order. */
    public static List<Delivery> events(List<GeneratedCall> calls) {
        return calls.stream().flatMap(c -> c.events().stream()).toList();
    }

    /** The campaign counters once every outbound call is in, as {@code Views.counters} reads them. */
    public static Map<String, Long> expectedCounters(List<GeneratedCall> calls) {
        Map<String, Long> counters = new HashMap<>();
        List<GeneratedCall> outbound = calls.stream().filter(c -> c.outcome() != null).toList();
        outbound.forEach(c -> counters.merge(c.outcome(), 1L, Long::sum));
        counters.put("processed", (long) outbound.size());
        counters.put("successful", outbound.stream().filter(GeneratedCall::successful).count());
        return counters;
    }

    /**
     * Each contact's {@code status/attempts/last_outcome} once its one call is in: a person reached completes it,
     * anything else fails it (one attempt allowed, nothing retried).
     */
    public static Map<String, String> expectedContacts(List<GeneratedCall> calls) {
        return calls.stream().filter(c -> c.outcome() != null).collect(Collectors.toMap(GeneratedCall::dialled,
                c -> (c.outcome().equals("connected") ? "completed" : "failed") + "/1/" + c.outcome()));
    }

    /**
     * The campaign as these calls must leave it once all their events are in: counters, and each contact closed by its
     * one attempt; and nothing left to apply. Meant for {@code await().untilAsserted(...)}.
     */
    public static void assertCampaignAsPlanned(ApiClient api, Jdbi jdbi, String campaign, List<GeneratedCall> calls) {
        assertThat(Snapshot.settled(jdbi)).as("nothing left to apply").isTrue();
        assertThat(Views.counters(api.get("/api/campaigns/" + campaign).json())).as("counters")
                .isEqualTo(expectedCounters(calls));
        assertThat(contacts(jdbi)).as("contacts").containsExactlyInAnyOrderEntriesOf(expectedContacts(calls));
    }

    /** The contacts as stored, in the form of {@link #expectedContacts}. */
    public static Map<String, String> contacts(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT phone_number, status || '/' || attempts || '/' || coalesce(last_outcome, '-') AS row"
                                + " FROM campaign_contacts")
                .reduceRows(new HashMap<String, String>(), (map, row) -> {
                    map.put(row.getColumn("phone_number", String.class), row.getColumn("row", String.class));
                    return map;
                }));
    }
}
