package io.callhook.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.db.testing.TestDatabase;
import io.callhook.http.CallhookConfiguration;
import io.callhook.http.support.Api;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.Http;
import io.callhook.http.support.Inbox;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the dashboard reads and does beyond the original API, on PostgreSQL: the latest calls, the organisations, an
 * organisation's campaigns, marking a notification read; and the page itself, served from the jar.
 */
class DashboardApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = TestDatabase.create();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.onDatabase(DB);

    private static final Api API = new Api(APP::getLocalPort);

    private static String organization;
    private static String campaign;

    @BeforeAll
    static void anOrganisationWithACampaignAnInboundCallAndTwoOutboundCalls() {
        organization = API.post("/api/organizations", "{\"name\":\"Acme Dental\"}").text("id");
        API.post("/api/organizations/" + organization + "/users",
                "{\"email\":\"frontdesk@acme.example\",\"display_name\":\"Front desk\"}");
        String agent = API.post("/api/organizations/" + organization + "/agents",
                "{\"retell_agent_id\":\"agent_8c3f1a9e5b7d2c4e6f0a1b3d5c\",\"name\":\"Recall\"}").text("id");
        API.post("/api/organizations/" + organization + "/phone-numbers", "{\"number\":\"+14155550100\"}");
        campaign = API.post("/api/organizations/" + organization + "/campaigns",
                "{\"agent_id\":\"" + agent + "\",\"name\":\"September recall\"}").text("id");
        for (String fixture : List.of("01-outbound-call_started.json", "20-noanswer-call_ended.json",
                "10-inbound-call_inbound.request.json")) {
            assertThat(API.deliver(fixture).status()).as(fixture).isIn(200, 204);
            // webhooks are applied behind their answer, several in one batch; one at a time keeps "latest" defined
            Inbox.awaitApplied(DB);
        }
    }

    @Test
    void latestCallsComeNewestFirstInTheListShape() {
        Answer all = API.get("/api/calls");
        Answer first = API.get("/api/calls?limit=1");

        assertThat(all.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        all.json().path("items").forEach(c -> ids.add(c.path("call_id").asText()));
        assertThat(ids).containsExactly("call_9a7d5e3c1b0f2e4d6c8a0b1e3f5", "call_5f3a1d9b7e2c4a6f8d0b2e4c6a8",
                "call_4e1b9c07d2a85f36e1c04b7a9d2");
        assertThat(first.json().path("items")).extracting(c -> c.path("call_id").asText())
                .containsExactly("call_9a7d5e3c1b0f2e4d6c8a0b1e3f5");
        assertThat(first.json().path("next_offset").asInt()).isEqualTo(1);
        assertThat(API.get("/api/calls?limit=0").json().path("field").asText()).isEqualTo("limit");
    }

    @Test
    void organisationsAreListedWithTheirCampaigns() {
        Answer organizations = API.get("/api/organizations");
        Answer campaigns = API.get("/api/organizations/" + organization + "/campaigns");

        assertThat(organizations.json().path("items")).extracting(o -> o.path("name").asText())
                .containsExactly("Acme Dental");
        assertThat(campaigns.status()).isEqualTo(200);
        JsonNode only = campaigns.json().path("items").get(0);
        assertThat(only.path("id").asText()).isEqualTo(campaign);
        assertThat(only.path("status").asText()).isEqualTo("draft");
        assertThat(only.path("contacts_by_status").path("pending").asLong()).isZero();
        assertThat(campaigns.json().path("next_offset").isNull()).isTrue();
    }

    @Test
    void campaignsOfAnUnknownOrMalformedOrganisationAreRefused() {
        Answer unknown = API.get("/api/organizations/" + UUID.randomUUID() + "/campaigns");
        Answer malformed = API.get("/api/organizations/acme/campaigns");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).isEqualTo(Api.json(
                "{'error':'not_found','message':'No organisation with this id exists.'}"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("field")).isEqualTo("id");
    }

    @Test
    void aNotificationIsMarkedReadOnceAndStaysRead() {
        String path = "/api/organizations/" + organization + "/notifications";
        JsonNode notification = API.get(path).json().path("items").get(0);
        String id = notification.path("id").asText();
        assertThat(notification.path("read").asBoolean()).isFalse();

        Answer read = API.post(path + "/" + id + "/read", "");
        Answer again = API.post(path + "/" + id + "/read", "");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();
        assertThat(again.json().path("read_at").asText()).isEqualTo(read.json().path("read_at").asText());
        assertThat(API.get(path).json().path("items").get(0).path("read").asBoolean()).isTrue();
        assertThat(API.get("/api/activity?organizationId=" + organization + "&limit=500").json().path("items"))
                .filteredOn(e -> e.path("entity_type").asText().equals("notification")
                        && e.path("action").asText().equals("read"))
                .hasSize(1);
    }

    @Test
    void markingAnUnknownOrMalformedNotificationIsRefused() {
        String path = "/api/organizations/" + organization + "/notifications/";
        Answer unknown = API.post(path + UUID.randomUUID() + "/read", "");
        Answer otherOrganisation = API.post("/api/organizations/" + UUID.randomUUID() + "/notifications/"
                + API.get("/api/organizations/" + organization + "/notifications").json().path("items").get(0)
                .path("id").asText() + "/read", "");
        Answer malformed = API.post(path + "42/read", "");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("error")).isEqualTo("not_found");
        assertThat(otherOrganisation.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("field")).isEqualTo("notificationId");
    }

    @Test
    void thePageAndItsAssetsAreServedFromTheJarWithoutTheToken() {
        HttpResponse<String> page = Http.get(APP.getLocalPort(), "/");
        HttpResponse<String> app = Http.get(APP.getLocalPort(), "/dashboard/app.js");
        HttpResponse<String> chart = Http.get(APP.getLocalPort(), "/dashboard/vendor/uPlot.esm.js");
        HttpResponse<String> elsewhere = Http.get(APP.getLocalPort(), "/dashboard/..%2Fcallhook-default.yml");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(page.body()).contains("<label for=\"token\">API token</label>");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("export { uPlot as default };");
        assertThat(elsewhere.statusCode()).isIn(400, 404);
    }
}
