package io.callhook.http;

import static io.callhook.http.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The management API on PostgreSQL: every creation answers 201 with its view; refusals map in one place (422 naming the
 * field, 404, 409 with the reason, 400 for bodies that are not JSON), and contacts arrive as JSON or CSV.
 */
class ManagementApiTest {

    private static final int API_BODY_LIMIT = 4096;

    /**
     * Not registered as an extension: JUnit calls an inherited extension's afterAll after every {@code @Nested} class,
     * and TestDatabase would drop the schema under the running server. Dropped once, at the very end, instead.
     */
    static final TestDatabase DB = TestDatabase.create();

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.onDatabase(DB,
            ConfigOverride.config("api.maxBodyBytes", Integer.toString(API_BODY_LIMIT)));

    private static final Api API = new Api(APP::getLocalPort);

    @AfterAll
    static void dropTheSchema() {
        DB.close();
    }

    private String organization;
    private String agent;

    @BeforeEach
    void anOrganisationWithAnAgent() {
        organization = API.post("/api/organizations", "{\"name\":\"Acme Dental\"}").text("id");
        agent = API.post("/api/organizations/" + organization + "/agents",
                "{\"retell_agent_id\":\"agent_" + UUID.randomUUID().toString().replace("-", "") + "\"}").text("id");
    }

    private String draftCampaign() {
        return API.post("/api/organizations/" + organization + "/campaigns",
                "{\"agent_id\":\"" + agent + "\",\"name\":\"Recall\"}").text("id");
    }

    /** Removes and checks {@code created_at}: an ISO-8601 instant of the last minute. */
    private static JsonNode withoutCreatedAt(JsonNode view) {
        Instant created = Instant.parse(view.path("created_at").asText());
        assertThat(created).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        ((ObjectNode) view).remove("created_at");
        return view;
    }

    @Nested
    class Creating {

        @Test
        void organisationIsCreatedWith201AndItsView() {
            Answer answer = API.post("/api/organizations", "{\"name\":\"  Bright Smiles  \"}");

            assertThat(answer.status()).isEqualTo(201);
            assertThat(withoutCreatedAt(answer.json())).isEqualTo(json(
                    "{'id':'" + answer.text("id") + "','name':'Bright Smiles'}"));
            assertThat(UUID.fromString(answer.text("id"))).isNotNull();
        }

        @Test
        void userIsCreatedWithALowerCaseEmail() {
            Answer answer = API.post("/api/organizations/" + organization + "/users",
                    "{\"email\":\"Front.Desk@Acme.example\",\"display_name\":\"Front desk\"}");

            assertThat(answer.status()).isEqualTo(201);
            assertThat(withoutCreatedAt(answer.json())).isEqualTo(json("{'id':'" + answer.text("id")
                    + "','organization_id':'" + organization
                    + "','email':'front.desk@acme.example','display_name':'Front desk'}"));
        }

        @Test
        void agentIsCreatedWithRetellsAgentId() {
            Answer answer = API.post("/api/organizations/" + organization + "/agents",
                    "{\"retell_agent_id\":\"agent_2d4f6a8c0e1b3d5f7a9c1e3b5d\",\"name\":\"Front desk\"}");

            assertThat(answer.status()).isEqualTo(201);
            assertThat(withoutCreatedAt(answer.json())).isEqualTo(json("{'id':'" + answer.text("id")
                    + "','organization_id':'" + organization
                    + "','retell_agent_id':'agent_2d4f6a8c0e1b3d5f7a9c1e3b5d','name':'Front desk'}"));
        }

        @Test
        void phoneNumberIsNormalisedToE164WithItsInboundAgent() {
            String number = "+1 (415) 555-" + (1000 + (int) (Math.random() * 8999));
            Answer answer = API.post("/api/organizations/" + organization + "/phone-numbers",
                    "{\"number\":\"" + number + "\",\"inbound_agent_id\":\"" + agent + "\"}");

            assertThat(answer.status()).isEqualTo(201);
            assertThat(withoutCreatedAt(answer.json())).isEqualTo(json("{'id':'" + answer.text("id")
                    + "','organization_id':'" + organization + "','number':'" + number.replaceAll("[ ()-]", "")
                    + "','inbound_agent_id':'" + agent + "'}"));
        }

        @Test
        void campaignIsCreatedAsADraftWithTheDefaultRetryPolicyAndALocation() {
            Answer answer = API.post("/api/organizations/" + organization + "/campaigns",
                    "{\"agent_id\":\"" + agent + "\",\"name\":\"Recall\"}");

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("Location")).endsWith("/api/campaigns/" + answer.text("id"));
            assertThat(withoutCreatedAt(answer.json())).isEqualTo(json("""
                    {"id":"%s","organization_id":"%s","agent_id":"%s","name":"Recall","status":"draft",
                     "retry_policy":{"retry_on":["no_answer","busy","failed","platform_error"],"max_attempts":3,
                                     "retry_delay_seconds":3600},
                     "calling_window":null,
                     "counters":{"processed":0,"successful":0,
                                 "by_outcome":{"connected":0,"voicemail":0,"no_answer":0,"busy":0,"declined":0,
                                               "invalid_number":0,"failed":0,"spam_flagged":0,"platform_error":0,"other":0}},
                     "rates":{"success":0.0,"contact":0.0,"voicemail":0.0},
                     "average_duration_ms":null,"total_cost_cents":0,
                     "contacts_by_status":{"pending":0,"calling":0,"completed":0,"retry_scheduled":0,"failed":0,"do_not_call":0},
                     "completed_at":null}
                    """.formatted(answer.text("id"), organization, agent)));
        }

        @Test
        void campaignKeepsItsRetryPolicyAndCallingWindow() {
            Answer answer = API.post("/api/organizations/" + organization + "/campaigns", """
                    {"agent_id":"%s","name":"Evening","retry_on":["voicemail","busy"],"max_attempts":5,
                     "retry_delay_seconds":600,
                     "calling_window":{"days":["SAT","monday"],"start":"17:30","end":"20:00","zone":"Europe/Berlin"}}
                    """.formatted(agent));

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.json().path("retry_policy")).isEqualTo(json(
                    "{'retry_on':['voicemail','busy'],'max_attempts':5,'retry_delay_seconds':600}"));
            assertThat(answer.json().path("calling_window")).isEqualTo(json(
                    "{'days':['monday','saturday'],'start':'17:30','end':'20:00','zone':'Europe/Berlin'}"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void blankOrganisationNameIs422NamingTheField() {
            Answer answer = API.post("/api/organizations", "{\"name\":\"  \"}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'invalid','message':'name must be 1 to 200 characters','field':'name'}"));
        }

        @Test
        void invalidEmailIs422NamingTheField() {
            Answer answer = API.post("/api/organizations/" + organization + "/users", "{\"email\":\"nobody\"}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.text("field")).isEqualTo("email");
        }

        @Test
        void unknownCallingWindowZoneIs422NamingTheNestedField() {
            Answer answer = API.post("/api/organizations/" + organization + "/campaigns", """
                    {"agent_id":"%s","name":"x","calling_window":{"days":["monday"],"start":"09:00","end":"17:00",
                     "zone":"Mars/Olympus"}}
                    """.formatted(agent));

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json("{'error':'invalid','message':'calling_window.zone must be an"
                    + " IANA time zone, e.g. America/New_York','field':'calling_window.zone'}"));
        }

        @Test
        void outcomeThatCannotBeRetriedIs422NamingItsIndex() {
            Answer answer = API.post("/api/organizations/" + organization + "/campaigns",
                    "{\"agent_id\":\"" + agent + "\",\"name\":\"x\",\"retry_on\":[\"busy\",\"connected\"]}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.text("field")).isEqualTo("retry_on[1]");
        }

        @Test
        void wordWhereANumberBelongsIs422NamingTheField() {
            Answer answer = API.post("/api/organizations/" + organization + "/campaigns",
                    "{\"agent_id\":\"" + agent + "\",\"name\":\"x\",\"max_attempts\":\"three\"}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'invalid','message':'max_attempts must be a whole number','field':'max_attempts'}"));
        }

        @Test
        void misspeltFieldIs422InsteadOfBeingIgnored() {
            Answer answer = API.post("/api/organizations/" + organization + "/users",
                    "{\"email\":\"a@b.example\",\"displayName\":\"A\"}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'invalid','message':'displayName is not a known field here','field':'displayName'}"));
        }

        @Test
        void malformedJsonIs400() {
            Answer answer = API.post("/api/organizations", "{\"name\":");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'invalid_json','message':'The request body is not valid JSON for this endpoint.'}"));
        }

        @Test
        void missingBodyIs400() {
            Answer answer = API.post("/api/organizations", "");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.text("error")).isEqualTo("missing_body");
        }

        @Test
        void bodyThatIsNotJsonOrCsvIs415() {
            Answer answer = API.postBytes("/api/organizations", "application/x-www-form-urlencoded",
                    "name=Acme".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).isEqualTo(415);
            assertThat(answer.text("error")).isEqualTo("unsupported_media_type");
        }

        @Test
        void unknownOrganisationIs404() {
            Answer answer = API.post("/api/organizations/" + UUID.randomUUID() + "/users", "{\"email\":\"a@b.example\"}");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.text("error")).isEqualTo("not_found");
            assertThat(answer.text("message")).startsWith("Organization ").endsWith(" does not exist.");
        }

        @Test
        void idThatIsNotAUuidIs400NamingThePathParameter() {
            Answer answer = API.post("/api/organizations/acme/users", "{\"email\":\"a@b.example\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json()).isEqualTo(json("{'error':'invalid_parameter','message':'id must be a UUID, e.g."
                    + " 3f2b9c1e-8d4a-4c6b-9e0f-1a2b3c4d5e6f','field':'id'}"));
        }

        @Test
        void agentOfAnotherOrganisationIsNotFoundForACampaign() {
            String other = API.post("/api/organizations", "{\"name\":\"Other\"}").text("id");

            Answer answer = API.post("/api/organizations/" + other + "/campaigns",
                    "{\"agent_id\":\"" + agent + "\",\"name\":\"x\"}");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'not_found','message':'Agent " + agent + " does not exist.'}"));
        }

        @Test
        void secondAgentWithTheSameRetellIdIs409WithTheReason() {
            API.post("/api/organizations/" + organization + "/agents", "{\"retell_agent_id\":\"agent_dup_1\"}");

            Answer answer = API.post("/api/organizations/" + organization + "/agents",
                    "{\"retell_agent_id\":\"agent_dup_1\"}");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'conflict','message':'Retell agent agent_dup_1 is already registered.'}"));
        }

        @Test
        void chunkedBodyOverTheApiLimitIs413() {
            byte[] body = ("{\"name\":\"" + "x".repeat(API_BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> answer = Http.postChunked(APP.getLocalPort(), "/api/organizations", body,
                    "Content-Type", "application/json", "Authorization", "Bearer " + TestServers.API_TOKEN);

            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(Api.parse(answer.body()).path("error").asText()).isEqualTo("payload_too_large");
        }

        @Test
        void bodyOverTheApiLimitIs413() {
            byte[] body = ("{\"name\":\"" + "x".repeat(API_BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

            Answer answer = API.postBytes("/api/organizations", "application/json", body);

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.text("error")).isEqualTo("payload_too_large");
        }
    }

    @Nested
    class CampaignStatus {

        @Test
        void draftCampaignStartsProcessing() {
            String campaign = draftCampaign();

            Answer answer = API.post("/api/campaigns/" + campaign + "/status", "{\"status\":\"processing\"}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text("status")).isEqualTo("processing");
            assertThat(answer.text("id")).isEqualTo(campaign);
        }

        @Test
        void putSetsTheStatusToo() {
            String campaign = draftCampaign();

            Answer answer = API.put("/api/campaigns/" + campaign + "/status", "{\"status\":\"cancelled\"}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text("status")).isEqualTo("cancelled");
            assertThat(Instant.parse(answer.text("completed_at"))).isBefore(Instant.now().plusSeconds(1));
        }

        @Test
        void illegalTransitionIs409WithTheReason() {
            String campaign = draftCampaign();

            Answer answer = API.post("/api/campaigns/" + campaign + "/status", "{\"status\":\"paused\"}");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json()).isEqualTo(json("{'error':'conflict','message':'A draft campaign cannot become"
                    + " paused; allowed: [processing, cancelled].'}"));
        }

        @Test
        void unknownStatusIs422NamingTheField() {
            Answer answer = API.post("/api/campaigns/" + draftCampaign() + "/status", "{\"status\":\"running\"}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json("{'error':'invalid','message':'status must be one of draft,"
                    + " processing, paused, completed, cancelled','field':'status'}"));
        }

        @Test
        void unknownCampaignIs404() {
            Answer answer = API.post("/api/campaigns/" + UUID.randomUUID() + "/status", "{\"status\":\"processing\"}");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(API.get("/api/campaigns/" + UUID.randomUUID()).json()).isEqualTo(json(
                    "{'error':'not_found','message':'No campaign with this id exists.'}"));
        }
    }

    @Nested
    class Contacts {

        @Test
        void jsonContactsAreAddedAndRepeatedNumbersSkipped() {
            String campaign = draftCampaign();

            Answer answer = API.post("/api/campaigns/" + campaign + "/contacts", """
                    {"contacts":[{"phone_number":"+12125550198","name":"Maria","variables":{"slot":"9:30","n":1}},
                                 {"phone_number":"0012125550198"}]}
                    """);

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.json().path("added").asInt()).isEqualTo(1);
            assertThat(answer.json().path("skipped").asInt()).isEqualTo(1);
            assertThat(API.get("/api/campaigns/" + campaign + "/contacts").json().path("items").get(0))
                    .as("what the upload answered is what reads answer later, to the microsecond")
                    .isEqualTo(answer.json().path("contacts").get(0));
            JsonNode contact = withoutCreatedAt(answer.json().path("contacts").get(0));
            assertThat(contact).isEqualTo(json("""
                    {"id":"%s","campaign_id":"%s","phone_number":"+12125550198","name":"Maria",
                     "variables":{"n":"1","slot":"9:30"},"status":"pending","attempts":0,"last_outcome":null,
                     "next_attempt_at":null,"failure_reason":null}
                    """.formatted(contact.path("id").asText(), campaign)));
        }

        @Test
        void uploadingOnlyKnownNumbersAddsNothingAndAnswers200() {
            String campaign = draftCampaign();
            API.post("/api/campaigns/" + campaign + "/contacts", "{\"contacts\":[{\"phone_number\":\"+12125550198\"}]}");

            Answer answer = API.post("/api/campaigns/" + campaign + "/contacts",
                    "{\"contacts\":[{\"phone_number\":\"+12125550198\"}]}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(json("{'added':0,'skipped':1,'contacts':[]}"));
        }

        @Test
        void badPhoneNumberInJsonIs422NamingItsIndex() {
            Answer answer = API.post("/api/campaigns/" + draftCampaign() + "/contacts",
                    "{\"contacts\":[{\"phone_number\":\"+12125550198\"},{\"phone_number\":\"call me\"}]}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.text("field")).isEqualTo("contacts[1].phone_number");
        }

        @Test
        void nestedVariableIs422NamingItsPath() {
            Answer answer = API.post("/api/campaigns/" + draftCampaign() + "/contacts",
                    "{\"contacts\":[{\"phone_number\":\"+12125550198\",\"variables\":{\"a\":{\"b\":1}}}]}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.text("field")).isEqualTo("contacts[0].variables.a");
        }

        @Test
        void csvRowsBecomeContactsWithExtraColumnsAsVariables() {
            String campaign = draftCampaign();

            Answer answer = API.postCsv("/api/campaigns/" + campaign + "/contacts", """
                    phone_number,name,clinic,slot
                    +12125550198,Maria Lopez,"Acme Dental, Midtown",9:30
                    +16465550177,"Tom ""TJ"" Reed",,
                    """);

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.json().path("added").asInt()).isEqualTo(2);
            JsonNode contacts = answer.json().path("contacts");
            assertThat(contacts.get(0).path("name").asText()).isEqualTo("Maria Lopez");
            assertThat(contacts.get(0).path("variables")).isEqualTo(json(
                    "{'clinic':'Acme Dental, Midtown','slot':'9:30'}"));
            assertThat(contacts.get(1).path("name").asText()).isEqualTo("Tom \"TJ\" Reed");
            assertThat(contacts.get(1).path("variables")).isEqualTo(json("{}"));
            assertThat(API.get("/api/campaigns/" + campaign).json().path("contacts_by_status").path("pending").asInt())
                    .isEqualTo(2);
        }

        @Test
        void csvWithABadPhoneNumberNamesItsLineAndAddsNothing() {
            String campaign = draftCampaign();

            Answer answer = API.postCsv("/api/campaigns/" + campaign + "/contacts",
                    "phone_number,name\r\n+12125550198,Maria\r\n\r\nnot a number,Tom\r\n");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json("{'error':'invalid','message':'line 4: phone_number must be a"
                    + " phone number in E.164 form, e.g. +14155550100','field':'line 4'}"));
            assertThat(API.get("/api/campaigns/" + campaign + "/contacts").json().path("items")).isEmpty();
        }

        @Test
        void csvRowWithTheWrongNumberOfFieldsNamesItsLine() {
            Answer answer = API.postCsv("/api/campaigns/" + draftCampaign() + "/contacts",
                    "phone_number,name\n+12125550198,Maria\n+16465550177,Tom,extra\n");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(json(
                    "{'error':'invalid','message':'line 3: has 3 fields, the header has 2','field':'line 3'}"));
        }

        @Test
        void csvWithoutAPhoneNumberColumnIsRefusedOnLine1() {
            Answer answer = API.postCsv("/api/campaigns/" + draftCampaign() + "/contacts", "number,name\n+1212555,x\n");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.text("field")).isEqualTo("line 1");
            assertThat(answer.text("message")).startsWith("line 1: the header must name a phone_number column");
        }

        @Test
        void csvOverTheApiLimitIs413() {
            byte[] csv = ("phone_number\n" + "+12125550198\n".repeat(API_BODY_LIMIT / 13 + 1))
                    .getBytes(StandardCharsets.UTF_8);

            Answer answer = API.postBytes("/api/campaigns/" + draftCampaign() + "/contacts", "text/csv", csv);

            assertThat(answer.status()).isEqualTo(413);
        }

        @Test
        void contactsCannotBeAddedToACancelledCampaign() {
            String campaign = draftCampaign();
            API.post("/api/campaigns/" + campaign + "/status", "{\"status\":\"cancelled\"}");

            Answer answer = API.postCsv("/api/campaigns/" + campaign + "/contacts", "phone_number\n+12125550198\n");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.text("message")).isEqualTo("A cancelled campaign takes no more contacts.");
        }

        @Test
        void contactsOfAnUnknownCampaignAre404() {
            Answer answer = API.get("/api/campaigns/" + UUID.randomUUID() + "/contacts");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(Arrays.asList(answer.text("error"))).containsExactly("not_found");
        }
    }
}
