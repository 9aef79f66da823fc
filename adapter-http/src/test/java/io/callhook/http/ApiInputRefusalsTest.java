package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input the API cannot use is refused with a typed 4xx naming what is wrong, on the production wiring and PostgreSQL:
 * never a 500 because the database could not hold a value, and never a value silently converted into another type.
 */
class ApiInputRefusalsTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = TestDatabase.create();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.onDatabase(DB);

    private static final Api API = new Api(APP::getLocalPort);

    @Test
    void blankCallIdIsNotFound() {
        Answer answer = API.get("/api/calls/%20");

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.text("error")).isEqualTo("not_found");
    }

    @Test
    void callIdWithANulCharacterIsNotFound() {
        Answer answer = API.get("/api/calls/call%00x");

        assertThat(answer.status()).as(answer.body()).isIn(400, 404);
    }

    @Test
    void organisationNameWithANulCharacterIsRefusedNamingTheField() {
        Answer answer = API.post("/api/organizations", "{\"name\":\"a\\u0000b\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.text("error")).isEqualTo("invalid");
        assertThat(answer.text("field")).isEqualTo("name");
        assertThat(answer.text("message")).isEqualTo("name must not contain the NUL character (\\u0000)");
    }

    @Test
    void organisationNameThatIsANumberIsRefusedNotConvertedToText() {
        Answer answer = API.post("/api/organizations", "{\"name\":5}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.text("field")).isEqualTo("name");
        assertThat(answer.text("message")).isEqualTo("name must be a string");
    }

    @Test
    void contactVariableNameWithANulCharacterIsRefusedNamingTheField() {
        String campaign = draftCampaign();

        Answer answer = API.post("/api/campaigns/" + campaign + "/contacts",
                "{\"contacts\":[{\"phone_number\":\"+12125550198\",\"variables\":{\"a\\u0000\":\"x\"}}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.text("field")).isEqualTo("contacts[0].variables");
    }

    @Test
    void csvContactsWithANulCharacterAreRefusedNamingTheLine() {
        String campaign = draftCampaign();

        Answer answer = API.postCsv("/api/campaigns/" + campaign + "/contacts",
                "phone_number,name\n+12125550198,Maria\n+16465550177,To\u0000m\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.text("field")).isEqualTo("line 3");
        assertThat(answer.text("message")).isEqualTo("line 3: contains the NUL character (\\u0000), which cannot be stored");
        assertThat(API.get("/api/campaigns/" + campaign + "/contacts").json().path("items")).isEmpty();
    }

    @Test
    void optionsWithoutATokenIsRefused() {
        HttpResponse<String> response = Http.send(Http.request(APP.getLocalPort(), "/api/organizations")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Allow")).isEmpty();
    }

    @Test
    void optionsWithTheTokenStillListsTheMethods() {
        HttpResponse<String> response = Http.send(Http.request(APP.getLocalPort(), "/api/organizations")
                .header("Authorization", "Bearer " + TestServers.API_TOKEN)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
                allow -> assertThat(allow).contains("POST"));
    }

    private static String draftCampaign() {
        String organization = API.post("/api/organizations", "{\"name\":\"Acme Dental\"}").text("id");
        String agent = API.post("/api/organizations/" + organization + "/agents",
                "{\"retell_agent_id\":\"agent_" + System.nanoTime() + "\",\"name\":\"Recall\"}").text("id");
        return API.post("/api/organizations/" + organization + "/campaigns",
                "{\"agent_id\":\"" + agent + "\",\"name\":\"September recall\"}").text("id");
    }
}
