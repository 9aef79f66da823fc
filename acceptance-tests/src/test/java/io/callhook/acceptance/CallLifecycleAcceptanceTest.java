package io.callhook.acceptance;

import static io.callhook.acceptance.support.Fixtures.BOOKED;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CALL;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CONTACT;
import static io.callhook.acceptance.support.Fixtures.CANCELLED_TRANSFER;
import static io.callhook.acceptance.support.Fixtures.CANCELLED_TRANSFER_CALL;
import static io.callhook.acceptance.support.Fixtures.CHAT;
import static io.callhook.acceptance.support.Fixtures.FRONT_DESK_AGENT;
import static io.callhook.acceptance.support.Fixtures.INBOUND;
import static io.callhook.acceptance.support.Fixtures.INBOUND_CALL;
import static io.callhook.acceptance.support.Fixtures.INBOUND_NUMBER;
import static io.callhook.acceptance.support.Fixtures.INBOUND_WEBHOOK;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER_CALL;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER_CONTACT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_AGENT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_NUMBER;
import static io.callhook.acceptance.support.Fixtures.SMS_INBOUND_WEBHOOK;
import static io.callhook.acceptance.support.Fixtures.TRANSFER;
import static io.callhook.acceptance.support.Fixtures.TRANSFER_CALL;
import static io.callhook.acceptance.support.Fixtures.VIP_AGENT;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL_CALL;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL_CONTACT;
import static io.callhook.acceptance.support.Fixtures.WEB;
import static io.callhook.acceptance.support.Fixtures.WEB_CALL;
import static io.callhook.acceptance.support.Views.counters;
import static io.callhook.acceptance.support.Views.items;
import static io.callhook.acceptance.support.Views.nonZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.ApiClient;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.acceptance.support.Management;
import io.callhook.acceptance.support.SignedWebhookClient;
import io.callhook.core.retell.RetellPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every recorded lifecycle, end to end: an operator sets the organisation up through the management API, Retell posts
 * each lifecycle's events signed over their exact bytes, and the read API shows the calls, the contacts, the campaign's
 * counters and completion, the notifications (one per user and inbound call) and the activity log.
 */
class CallLifecycleAcceptanceTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECOND_NO_ANSWER_CALL = "call_5f3a1d9b7e2c4a6f8d0b2e4c6b9";

    private static ApiClient api;
    private static SignedWebhookClient retell;
    private static String organization;
    private static String ann;
    private static String bob;
    private static String outboundAgent;
    private static String frontDesk;
    private static String vip;
    private static String inboundNumber;
    private static String campaign;
    private static Map<String, String> contactIds;

    /** The operator's set-up: one organisation with two users, three agents, two numbers and a campaign. */
    @BeforeAll
    static void setUpThroughTheManagementApi() {
        api = server.api();
        retell = server.webhook();
        Management manage = new Management(api);

        organization = manage.organization("Acme Dental").path("id").asText();
        ann = manage.user(organization, "ann@acme.test", "Ann").path("id").asText();
        bob = manage.user(organization, "bob@acme.test", "Bob").path("id").asText();
        outboundAgent = manage.agent(organization, OUTBOUND_AGENT, "Recall").path("id").asText();
        frontDesk = manage.agent(organization, FRONT_DESK_AGENT, "Front desk").path("id").asText();
        vip = manage.agent(organization, VIP_AGENT, "VIP desk").path("id").asText();
        manage.phoneNumber(organization, OUTBOUND_NUMBER, null);
        inboundNumber = manage.phoneNumber(organization, INBOUND_NUMBER, vip).path("id").asText();

        JsonNode created = manage.campaign(organization, outboundAgent, "September recall", List.of("no_answer"), 2,
                3600);
        assertThat(created.path("status").asText()).isEqualTo("draft");
        campaign = created.path("id").asText();
        JsonNode fromCsv = manage.contactsCsv(campaign, "phone_number,name,first_name\n"
                + BOOKED_CONTACT + ",Maria Lopez,Maria\n"
                + NO_ANSWER_CONTACT + ",Sam Carter,Sam\n");
        JsonNode fromJson = manage.contacts(campaign, List.of(Map.of(
                "phone_number", VOICEMAIL_CONTACT, "name", "Lee Park", "variables", Map.of("first_name", "Lee"))));
        assertThat(fromCsv.path("added").asInt()).isEqualTo(2);
        assertThat(fromJson.path("added").asInt()).isEqualTo(1);
        contactIds = Map.of(
                BOOKED_CONTACT, fromCsv.path("contacts").get(0).path("id").asText(),
                NO_ANSWER_CONTACT, fromCsv.path("contacts").get(1).path("id").asText(),
                VOICEMAIL_CONTACT, fromJson.path("contacts").get(0).path("id").asText());
        assertThat(manage.status(campaign, "processing").path("status").asText()).isEqualTo("processing");
    }

    @Test
    void outboundCampaignMovesItsContactsAndCountersExactlyOnceUntilItCompletes() {
        // the booked call: started, a transcript snapshot, ended by the agent, analysed
        deliver(BOOKED.get(0));
        assertThat(contact(BOOKED_CONTACT).path("status").asText()).isEqualTo("calling");
        deliverAll(BOOKED.subList(1, BOOKED.size()));

        JsonNode booked = call(BOOKED_CALL);
        assertThat(booked.path("state").asText()).isEqualTo("ended");
        assertThat(booked.path("outcome").asText()).isEqualTo("connected");
        assertThat(booked.path("organization_id").asText()).isEqualTo(organization);
        assertThat(booked.path("agent_id").asText()).isEqualTo(outboundAgent);
        assertThat(booked.path("campaign_id").asText()).isEqualTo(campaign);
        assertThat(booked.path("contact_id").asText()).isEqualTo(contactIds.get(BOOKED_CONTACT));
        assertThat(booked.path("direction").asText()).isEqualTo("outbound");
        assertThat(booked.path("from_number").asText()).isEqualTo(OUTBOUND_NUMBER);
        assertThat(booked.path("to_number").asText()).isEqualTo(BOOKED_CONTACT);
        assertThat(booked.path("started_at").asText()).isEqualTo(Instant.ofEpochMilli(1_790_006_412_873L).toString());
        assertThat(booked.path("ended_at").asText()).isEqualTo(Instant.ofEpochMilli(1_790_006_600_305L).toString());
        assertThat(booked.path("duration_ms").asLong()).isEqualTo(187_432L);
        assertThat(booked.path("disconnection_reason").asText()).isEqualTo("agent_hangup");
        assertThat(booked.path("cost_cents").decimalValue()).isEqualByComparingTo("43.945");
        assertThat(booked.path("successful").asBoolean()).isTrue();
        assertThat(booked.path("in_voicemail").asBoolean()).isFalse();
        assertThat(booked.path("user_sentiment").asText()).isEqualToIgnoringCase("positive");
        assertThat(booked.path("summary").asText()).startsWith("Ava from Acme Dental called Maria Lopez");
        JsonNode bookedContact = contact(BOOKED_CONTACT);
        assertThat(bookedContact.path("status").asText()).isEqualTo("completed");
        assertThat(bookedContact.path("attempts").asInt()).isEqualTo(1);
        assertThat(bookedContact.path("last_outcome").asText()).isEqualTo("connected");

        // never answered: no call_started at all; a retry is scheduled an hour after the attempt
        Instant before = Instant.now();
        deliverAll(NO_ANSWER);
        Instant after = Instant.now();
        JsonNode unanswered = call(NO_ANSWER_CALL);
        assertThat(unanswered.path("state").asText()).isEqualTo("not_connected");
        assertThat(unanswered.path("outcome").asText()).isEqualTo("no_answer");
        assertThat(unanswered.path("duration_ms").asLong()).isZero();
        assertThat(unanswered.path("cost_cents").decimalValue()).isEqualByComparingTo("0");
        assertThat(unanswered.path("started_at").isNull()).isTrue();
        assertThat(unanswered.path("user_sentiment").asText()).isEqualToIgnoringCase("unknown");
        JsonNode retried = contact(NO_ANSWER_CONTACT);
        assertThat(retried.path("status").asText()).isEqualTo("retry_scheduled");
        assertThat(retried.path("last_outcome").asText()).isEqualTo("no_answer");
        assertThat(Instant.parse(retried.path("next_attempt_at").asText()))
                .isBetween(before.plus(Duration.ofHours(1)).minusMillis(1), after.plus(Duration.ofHours(1)));

        // voicemail: not in this campaign's retry policy, so the contact fails
        deliverAll(VOICEMAIL);
        JsonNode voicemail = call(VOICEMAIL_CALL);
        assertThat(voicemail.path("outcome").asText()).isEqualTo("voicemail");
        assertThat(voicemail.path("in_voicemail").asBoolean()).isTrue();
        assertThat(contact(VOICEMAIL_CONTACT).path("status").asText()).isEqualTo("failed");
        assertThat(contact(VOICEMAIL_CONTACT).path("failure_reason").asText()).isEqualTo("not retried: voicemail");

        JsonNode running = campaign();
        assertThat(running.path("status").asText()).isEqualTo("processing");
        assertThat(counters(running)).isEqualTo(Map.of("processed", 3L, "successful", 1L,
                "connected", 1L, "no_answer", 1L, "voicemail", 1L));
        assertThat(nonZero(running.path("contacts_by_status")))
                .isEqualTo(Map.of("completed", 1L, "retry_scheduled", 1L, "failed", 1L));

        // the retry goes unanswered too: attempts exhausted, no contact left open, the campaign completes by itself
        deliver(RetellPayloads.callEvent("call_ended").callId(SECOND_NO_ANSWER_CALL).agentId(OUTBOUND_AGENT)
                .fromNumber(OUTBOUND_NUMBER).toNumber(NO_ANSWER_CONTACT).callStatus("not_connected")
                .disconnectionReason("dial_no_answer").durationMs(0).bytes());
        JsonNode exhausted = contact(NO_ANSWER_CONTACT);
        assertThat(exhausted.path("status").asText()).isEqualTo("failed");
        assertThat(exhausted.path("attempts").asInt()).isEqualTo(2);
        assertThat(exhausted.path("failure_reason").asText()).isEqualTo("attempts exhausted: 2 of 2, last no_answer");
        assertThat(exhausted.path("next_attempt_at").isNull()).isTrue();
        assertThat(items(api.get("/api/contacts/" + contactIds.get(NO_ANSWER_CONTACT) + "/attempts")))
                .extracting(a -> a.path("number").asInt(), a -> a.path("call_id").asText(),
                        a -> a.path("outcome").asText())
                .containsExactly(tuple(1, NO_ANSWER_CALL, "no_answer"), tuple(2, SECOND_NO_ANSWER_CALL, "no_answer"));

        JsonNode completed = campaign();
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("completed_at").isTextual()).isTrue();
        assertThat(counters(completed)).isEqualTo(Map.of("processed", 4L, "successful", 1L,
                "connected", 1L, "no_answer", 2L, "voicemail", 1L));
        assertThat(completed.path("rates").path("success").asDouble()).isEqualTo(0.25);
        assertThat(completed.path("rates").path("contact").asDouble()).isEqualTo(0.25);
        assertThat(completed.path("rates").path("voicemail").asDouble()).isEqualTo(0.25);
        assertThat(completed.path("average_duration_ms").asLong()).as("mean of 187432 and 38215 ms")
                .isEqualTo(112_824L);
        assertThat(completed.path("total_cost_cents").decimalValue()).isEqualByComparingTo("52.875");
        assertThat(nonZero(completed.path("contacts_by_status"))).isEqualTo(Map.of("completed", 1L, "failed", 2L));
        assertThat(items(api.get("/api/campaigns/" + campaign + "/contacts")))
                .extracting(c -> c.path("phone_number").asText(), c -> c.path("status").asText())
                .containsExactly(tuple(BOOKED_CONTACT, "completed"), tuple(NO_ANSWER_CONTACT, "failed"),
                        tuple(VOICEMAIL_CONTACT, "failed"));

        // the activity log tells the campaign's story, and the booked contact's
        assertThat(activityOf("campaign", campaign)).extracting(a -> a.path("action").asText()).containsExactly(
                "created", "contacts_added", "contacts_added", "status_changed",
                "progress_changed", "progress_changed", "progress_changed", "progress_changed", "progress_changed",
                "completed");
        assertThat(activityOf("contact", contactIds.get(BOOKED_CONTACT)))
                .extracting(a -> a.path("action").asText(), a -> a.path("before").asText(), a -> a.path("after").asText())
                .containsExactly(tuple("status_changed", "pending", "calling"),
                        tuple("status_changed", "calling", "completed"));
        assertThat(activityOf("call", BOOKED_CALL))
                .extracting(a -> a.path("action").asText(), a -> a.path("event").asText())
                .containsExactly(tuple("created", "call_started"), tuple("state_changed", "call_ended"));
    }

    @Test
    void inboundCallRoutedByOurWebhookIsRecordedAndNotifiesEachUserOnce() {
        Answer answer = retell.post(Fixtures.bytes(INBOUND_WEBHOOK));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(json(Map.of("call_inbound", Map.of(
                "override_agent_id", VIP_AGENT,
                "dynamic_variables", Map.of("organization_id", organization, "organization_name", "Acme Dental"),
                "metadata", Map.of("callhook_organization_id", organization,
                        "callhook_phone_number_id", inboundNumber)))));

        deliverAll(INBOUND);
        JsonNode call = call(INBOUND_CALL);
        assertThat(call.path("state").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo("connected");
        assertThat(call.path("organization_id").asText()).isEqualTo(organization);
        assertThat(call.path("agent_id").asText()).isEqualTo(vip);
        assertThat(call.path("retell_agent_id").asText()).isEqualTo(VIP_AGENT);
        assertThat(call.path("direction").asText()).isEqualTo("inbound");
        assertThat(call.path("campaign_id").isNull()).isTrue();
        assertThat(call.path("duration_ms").asLong()).isEqualTo(96_540L);
        assertThat(call.path("cost_cents").decimalValue()).isEqualByComparingTo("21.7474");
        assertThat(call.path("successful").asBoolean()).isTrue();
        assertThat(call.path("user_sentiment").asText()).isEqualToIgnoringCase("neutral");
        assertThat(call.path("metadata")).isEqualTo(json(Map.of("crm_contact_id", "ct_000912",
                "routed_by", "inbound-webhook")));

        // Retell retries the inbound webhook: the same answer, and still one notification per user
        Answer retried = retell.post(Fixtures.bytes(INBOUND_WEBHOOK));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json()).isEqualTo(answer.json());
        List<JsonNode> notifications = notificationsFor(INBOUND_CALL);
        assertThat(notifications)
                .extracting(n -> n.path("user_id").asText(), n -> n.path("from_number").asText(),
                        n -> n.path("to_number").asText(), n -> n.path("read").asBoolean(),
                        n -> n.path("message").asText())
                .containsExactlyInAnyOrder(
                        tuple(ann, "+13105550123", INBOUND_NUMBER, false, "Inbound call from +13105550123 to " + INBOUND_NUMBER),
                        tuple(bob, "+13105550123", INBOUND_NUMBER, false, "Inbound call from +13105550123 to " + INBOUND_NUMBER));
    }

    @Test
    void inboundCallWithoutOurWebhookIsWarmTransferredAndKeepsTheHumanLegsEndAndCost() {
        deliverAll(TRANSFER);

        JsonNode call = call(TRANSFER_CALL);
        assertThat(call.path("state").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo("connected");
        assertThat(call.path("organization_id").asText()).isEqualTo(organization);
        assertThat(call.path("agent_id").asText()).isEqualTo(frontDesk);
        assertThat(call.path("disconnection_reason").asText()).isEqualTo("call_transfer");
        assertThat(call.path("transfer_destination").asText()).isEqualTo("+14155550199");
        assertThat(call.path("transfer_ended_at").asText()).isEqualTo(Instant.ofEpochMilli(1_790_014_012_650L).toString());
        assertThat(call.path("cost_cents").decimalValue()).as("AI leg plus the human leg")
                .isEqualByComparingTo("16.9946");
        assertThat(notificationsFor(TRANSFER_CALL)).extracting(n -> n.path("user_id").asText())
                .containsExactlyInAnyOrder(ann, bob);

        // a transfer that could not connect, with nothing else of its call delivered
        deliver(CANCELLED_TRANSFER);
        JsonNode cancelled = call(CANCELLED_TRANSFER_CALL);
        assertThat(cancelled.path("state").asText()).isEqualTo("ongoing");
        assertThat(cancelled.path("outcome").isNull()).isTrue();
        assertThat(cancelled.path("organization_id").asText()).isEqualTo(organization);
        assertThat(notificationsFor(CANCELLED_TRANSFER_CALL)).extracting(n -> n.path("user_id").asText())
                .containsExactlyInAnyOrder(ann, bob);
    }

    @Test
    void webCallIsRecordedForItsAgentsOrganizationWithoutNotifyingAnyone() {
        deliver(WEB);

        JsonNode call = call(WEB_CALL);
        assertThat(call.path("call_type").asText()).isEqualTo("web_call");
        assertThat(call.path("direction").isNull()).isTrue();
        assertThat(call.path("from_number").isNull()).isTrue();
        assertThat(call.path("organization_id").asText()).isEqualTo(organization);
        assertThat(call.path("agent_id").asText()).isEqualTo(frontDesk);
        assertThat(call.path("campaign_id").isNull()).isTrue();
        assertThat(call.path("state").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo("connected");
        assertThat(call.path("duration_ms").asLong()).isEqualTo(64_210L);
        assertThat(call.path("cost_cents").decimalValue()).isEqualByComparingTo("13.44");
        assertThat(notificationsFor(WEB_CALL)).isEmpty();
    }

    @Test
    void chatEventsAreAcknowledgedAndKeptButRecordNoCall() {
        deliverAll(CHAT);
        Answer smsInbound = retell.post(Fixtures.bytes(SMS_INBOUND_WEBHOOK));

        assertThat(smsInbound.status()).isEqualTo(200);
        assertThat(smsInbound.json()).isEqualTo(json(Map.of("chat_inbound", Map.of())));
        List<Map<String, Object>> kept = server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT event_type, status FROM webhook_events WHERE event_type LIKE 'chat%' ORDER BY id")
                .mapToMap().list());
        assertThat(kept).extracting(row -> row.get("event_type"), row -> row.get("status")).containsExactly(
                tuple("chat_started", "ignored"), tuple("chat_ended", "ignored"), tuple("chat_analyzed", "ignored"),
                tuple("chat_inbound", "ignored"));
        assertThat(api.get("/api/calls/chat_8d0f2b4e6c8a0f2d4b6e8c0a2f4").status()).isEqualTo(404);
    }

    private static void deliverAll(List<String> fixtures) {
        fixtures.forEach(CallLifecycleAcceptanceTest::deliver);
    }

    private static void deliver(String fixture) {
        deliver(Fixtures.bytes(fixture), fixture);
    }

    private static void deliver(byte[] body) {
        deliver(body, new String(body, StandardCharsets.UTF_8));
    }

    private static void deliver(byte[] body, String what) {
        Answer answer = retell.post(body);
        assertThat(answer.status()).as("delivery of %s: %s", what, answer).isEqualTo(204);
    }

    private static JsonNode call(String callId) {
        Answer answer = api.get("/api/calls/" + callId);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("call_id").asText()).isEqualTo(callId);
        return answer.json();
    }

    private static JsonNode campaign() {
        Answer answer = api.get("/api/campaigns/" + campaign);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode contact(String phoneNumber) {
        return items(api.get("/api/campaigns/" + campaign + "/contacts")).stream()
                .filter(c -> c.path("phone_number").asText().equals(phoneNumber))
                .findFirst().orElseThrow(() -> new AssertionError("no contact " + phoneNumber));
    }

    private static List<JsonNode> notificationsFor(String callId) {
        return items(api.get("/api/organizations/" + organization + "/notifications?limit=500")).stream()
                .filter(n -> n.path("call_id").asText().equals(callId))
                .toList();
    }

    private static List<JsonNode> activityOf(String entityType, String entityId) {
        return items(api.get("/api/activity?organizationId=" + organization + "&limit=500")).stream()
                .filter(a -> a.path("entity_type").asText().equals(entityType)
                        && a.path("entity_id").asText().equals(entityId))
                .toList();
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }
}
