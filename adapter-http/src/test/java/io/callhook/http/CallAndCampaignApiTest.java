package io.callhook.http;

import static io.callhook.http.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Inbox;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read API over what really happened: an organisation set up through the management API, an outbound campaign
 * whose three calls (connected, never answered, voicemail) and an inbound call arrive as signed Retell webhooks, all on
 * PostgreSQL — then every read endpoint is checked value by value.
 */
class CallAndCampaignApiTest {

    private static final String OUTBOUND_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    private static final String CONNECTED_CALL = "call_4e1b9c07d2a85f36e1c04b7a9d2";
    private static final String UNANSWERED_CALL = "call_5f3a1d9b7e2c4a6f8d0b2e4c6a8";
    private static final String VOICEMAIL_CALL = "call_c2e4a6b8d0f1e3c5a7b9d1f3e5c";
    private static final String INBOUND_CALL = "call_9a7d5e3c1b0f2e4d6c8a0b1e3f5";

    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = TestDatabase.create();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.onDatabase(DB);

    private static final Api API = new Api(APP::getLocalPort);

    private static String organization;
    private static String agent;
    private static String campaign;
    private static final List<String> contacts = new ArrayList<>();
    private static Instant setUpAt;

    @BeforeAll
    static void anOrganisationRunsACampaignAndTakesAnInboundCall() {
        setUpAt = Instant.now();
        organization = API.post("/api/organizations", "{\"name\":\"Acme Dental\"}").text("id");
        API.post("/api/organizations/" + organization + "/users",
                "{\"email\":\"frontdesk@acme.example\",\"display_name\":\"Front desk\"}");
        agent = API.post("/api/organizations/" + organization + "/agents",
                "{\"retell_agent_id\":\"" + OUTBOUND_AGENT + "\",\"name\":\"Recall\"}").text("id");
        API.post("/api/organizations/" + organization + "/phone-numbers", "{\"number\":\"+14155550100\"}");
        campaign = API.post("/api/organizations/" + organization + "/campaigns", """
                {"agent_id":"%s","name":"September recall","retry_on":["no_answer","busy"],"max_attempts":3,
                 "retry_delay_seconds":3600,
                 "calling_window":{"days":["monday","tuesday","wednesday","thursday","friday"],
                                   "start":"09:00","end":"17:00","zone":"America/New_York"}}
                """.formatted(agent)).text("id");
        Answer added = API.post("/api/campaigns/" + campaign + "/contacts", """
                {"contacts":[
                  {"phone_number":"+12125550198","name":"Maria Lopez","variables":{"clinic_name":"Acme Dental"}},
                  {"phone_number":"+1 646 555 0177","name":"Tom Reed"},
                  {"phone_number":"+17185550133","name":"Priya Shah"}]}
                """);
        added.json().path("contacts").forEach(c -> contacts.add(c.path("id").asText()));
        API.post("/api/campaigns/" + campaign + "/status", "{\"status\":\"processing\"}");

        // the campaign's calls: one conversation, one never answered, one voicemail
        for (String fixture : List.of("01-outbound-call_started.json", "02-outbound-call_ended.json",
                "03-outbound-call_analyzed.json", "20-noanswer-call_ended.json", "31-voicemail-call_ended.json",
                "32-voicemail-call_analyzed.json", "10-inbound-call_inbound.request.json")) {
            assertThat(API.deliver(fixture).status()).as(fixture).isIn(200, 204);
        }
        Inbox.awaitApplied(DB);
    }

    @Test
    void connectedCallIsReadBackWithEveryMergedFact() {
        Answer answer = API.get("/api/calls/" + CONNECTED_CALL);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode call = answer.json();
        assertThat(call.path("created_at").asText()).satisfies(t -> assertThat(Instant.parse(t)).isAfter(setUpAt));
        assertThat(call.path("finished_at").asText()).isEqualTo("2026-09-21T16:03:20.305Z");
        assertThat(call.path("transcript").asText()).startsWith("Agent: Hi, is this Maria?");
        ((com.fasterxml.jackson.databind.node.ObjectNode) call).remove(List.of("created_at", "transcript"));
        assertThat(call).isEqualTo(json("""
                {"call_id":"%s","organization_id":"%s","agent_id":"%s","campaign_id":"%s","contact_id":"%s",
                 "state":"ended","outcome":"connected","direction":"outbound","call_type":"phone_call",
                 "retell_agent_id":"%s","agent_version":7,"from_number":"+14155550142","to_number":"+12125550198",
                 "started_at":"2026-09-21T16:00:12.873Z","ended_at":"2026-09-21T16:03:20.305Z",
                 "finished_at":"2026-09-21T16:03:20.305Z","duration_ms":187432,"disconnection_reason":"agent_hangup",
                 "cost_cents":43.945,"successful":true,"in_voicemail":false,"user_sentiment":"positive",
                 "summary":"Ava from Acme Dental called Maria Lopez for her six-month recall. Maria booked a cleaning for Tuesday September 29, 2026 at 9:30 AM and the call ended politely.",
                 "custom_analysis_data":{"appointment_booked":true,"appointment_datetime":"2026-09-29T09:30:00-04:00","callback_requested":false},
                 "metadata":{"campaign_id":"cmp_2026_09_recall","contact_id":"ct_000481","attempt":1},
                 "recording_url":"https://dxc03zgurdly9.cloudfront.net/5b1e9f3c7a2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7/recording.wav",
                 "public_log_url":"https://dxc03zgurdly9.cloudfront.net/5b1e9f3c7a2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7/public.log",
                 "transfer_destination":null,"transfer_ended_at":null}
                """.formatted(CONNECTED_CALL, organization, agent, campaign, contacts.get(0), OUTBOUND_AGENT)));
    }

    @Test
    void unknownCallIdIsA404WithAJsonBody() {
        Answer answer = API.get("/api/calls/call_00000000000000000000000000");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).isEqualTo(json(
                "{'error':'not_found','message':'No call with this call_id has been recorded.'}"));
    }

    @Test
    void campaignReportCountsEachCallOnceWithRatesDurationAndExactCost() {
        Answer answer = API.get("/api/campaigns/" + campaign);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(Instant.parse(report.path("created_at").asText())).isAfter(setUpAt);
        ((com.fasterxml.jackson.databind.node.ObjectNode) report).remove("created_at");
        assertThat(report).isEqualTo(json("""
                {"id":"%s","organization_id":"%s","agent_id":"%s","name":"September recall","status":"processing",
                 "retry_policy":{"retry_on":["no_answer","busy"],"max_attempts":3,"retry_delay_seconds":3600},
                 "calling_window":{"days":["monday","tuesday","wednesday","thursday","friday"],"start":"09:00",
                                   "end":"17:00","zone":"America/New_York"},
                 "counters":{"processed":3,"successful":1,
                             "by_outcome":{"connected":1,"voicemail":1,"no_answer":1,"busy":0,"declined":0,
                                           "invalid_number":0,"failed":0,"spam_flagged":0,"platform_error":0,"other":0}},
                 "rates":{"success":0.3333333333333333,"contact":0.3333333333333333,"voicemail":0.3333333333333333},
                 "average_duration_ms":112824,
                 "total_cost_cents":52.875,
                 "contacts_by_status":{"pending":0,"calling":0,"completed":1,"retry_scheduled":1,"failed":1,"do_not_call":0},
                 "completed_at":null}
                """.formatted(campaign, organization, agent)));
    }

    @Test
    void totalCostIsAnExactDecimalInTheJsonText() {
        assertThat(API.get("/api/campaigns/" + campaign).body()).contains("\"total_cost_cents\":52.875");
    }

    @Test
    void contactsShowWhereTheCampaignStandsWithEachPerson() {
        Answer answer = API.get("/api/campaigns/" + campaign + "/contacts");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode page = answer.json();
        assertThat(page.path("offset").asInt()).isZero();
        assertThat(page.path("limit").asInt()).isEqualTo(50);
        assertThat(page.path("next_offset").isNull()).isTrue();
        JsonNode items = page.path("items");
        assertThat(items).hasSize(3);
        JsonNode maria = items.get(0);
        assertThat(maria.path("created_at").asText()).isNotEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) maria).remove("created_at");
        assertThat(maria).isEqualTo(json("""
                {"id":"%s","campaign_id":"%s","phone_number":"+12125550198","name":"Maria Lopez",
                 "variables":{"clinic_name":"Acme Dental"},"status":"completed","attempts":1,
                 "last_outcome":"connected","next_attempt_at":null,"failure_reason":null}
                """.formatted(contacts.get(0), campaign)));
        assertThat(items.get(1).path("phone_number").asText()).isEqualTo("+16465550177");
        assertThat(items.get(1).path("status").asText()).isEqualTo("retry_scheduled");
        assertThat(items.get(1).path("last_outcome").asText()).isEqualTo("no_answer");
        assertThat(Instant.parse(items.get(1).path("next_attempt_at").asText()))
                .isAfter(setUpAt.plusSeconds(3599));
        assertThat(items.get(2).path("status").asText()).isEqualTo("failed");
        assertThat(items.get(2).path("failure_reason").asText()).isEqualTo("not retried: voicemail");
    }

    @Test
    void attemptsOfAContactNameTheirCalls() {
        Answer answer = API.get("/api/contacts/" + contacts.get(0) + "/attempts");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(json("""
                {"items":[{"contact_id":"%s","number":1,"call_id":"%s","outcome":"connected",
                           "finished_at":"2026-09-21T16:03:20.305Z"}],
                 "offset":0,"limit":50,"next_offset":null}
                """.formatted(contacts.get(0), CONNECTED_CALL)));
    }

    @Test
    void attemptsOfAnUnknownContactAreEmpty() {
        Answer answer = API.get("/api/contacts/00000000-0000-4000-8000-000000000000/attempts");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(json("{'items':[],'offset':0,'limit':50,'next_offset':null}"));
    }

    @Test
    void inboundCallNotifiesTheOrganisationsUser() {
        Answer answer = API.get("/api/organizations/" + organization + "/notifications");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().path("items");
        assertThat(items).hasSize(1);
        JsonNode notification = items.get(0);
        assertThat(notification.path("call_id").asText()).isEqualTo(INBOUND_CALL);
        assertThat(notification.path("organization_id").asText()).isEqualTo(organization);
        assertThat(notification.path("from_number").asText()).isEqualTo("+13105550123");
        assertThat(notification.path("to_number").asText()).isEqualTo("+14155550100");
        assertThat(notification.path("message").asText()).isEqualTo("Inbound call from +13105550123 to +14155550100");
        assertThat(notification.path("read").asBoolean()).isFalse();
        assertThat(notification.path("read_at").isNull()).isTrue();
        assertThat(answer.json().path("next_offset").isNull()).isTrue();
    }

    @Test
    void activityOfTheOrganisationListsItsChangesOldestFirst() {
        Answer answer = API.get("/api/activity?organizationId=" + organization + "&limit=500");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().path("items");
        assertThat(items.get(0).path("entity_type").asText()).isEqualTo("organization");
        assertThat(items.get(0).path("action").asText()).isEqualTo("created");
        assertThat(items.get(0).path("event").asText()).isEqualTo("admin");
        List<String> actions = new ArrayList<>();
        items.forEach(entry -> {
            assertThat(entry.path("organization_id").asText()).isEqualTo(organization);
            actions.add(entry.path("entity_type").asText() + ":" + entry.path("action").asText());
        });
        assertThat(actions).contains("campaign:status_changed", "campaign:contacts_added", "notification:created");
        List<Instant> times = new ArrayList<>();
        items.forEach(entry -> times.add(Instant.parse(entry.path("occurred_at").asText())));
        assertThat(times).isSorted();
    }

    @Test
    void activitySinceAMomentLeavesOutWhatCameBefore() {
        Answer answer = API.get("/api/activity?organizationId=" + organization + "&since=2999-01-01T00:00:00Z");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(json("{'items':[],'offset':0,'limit':50,'next_offset':null}"));
    }

    @Test
    void inboundAnswerForAKnownNumberNamesTheOrganisation() {
        Answer answer = API.deliver("10-inbound-call_inbound.request.json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("call_inbound").path("dynamic_variables")).isEqualTo(json(
                "{'organization_id':'" + organization + "','organization_name':'Acme Dental'}"));
        assertThat(answer.json().path("call_inbound").path("metadata").path("callhook_organization_id").asText())
                .isEqualTo(organization);
    }
}
