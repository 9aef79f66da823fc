package io.callhook.http;

import static io.callhook.http.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.Inbox;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lists page with {@code offset} and {@code limit} (default 0 and 50, at most 500) and say exactly whether more follows;
 * parameters the API cannot use are answered 400 naming the parameter.
 */
class PaginationAndParametersTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = TestDatabase.create();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.onDatabase(DB);

    private static final Api API = new Api(APP::getLocalPort);

    private static String organization;
    private static String fiveContacts;
    private static String manyContacts;

    @BeforeAll
    static void campaignsWithFiveAnd501ContactsAndThreeUsersNotifiedOfACall() {
        organization = API.post("/api/organizations", "{\"name\":\"Acme\"}").text("id");
        String agent = API.post("/api/organizations/" + organization + "/agents",
                "{\"retell_agent_id\":\"agent_pagination\"}").text("id");
        fiveContacts = API.post("/api/organizations/" + organization + "/campaigns",
                "{\"agent_id\":\"" + agent + "\",\"name\":\"five\"}").text("id");
        manyContacts = API.post("/api/organizations/" + organization + "/campaigns",
                "{\"agent_id\":\"" + agent + "\",\"name\":\"many\"}").text("id");
        API.postCsv("/api/campaigns/" + fiveContacts + "/contacts", "phone_number\n"
                + IntStream.range(0, 5).mapToObj(i -> "+1212555010" + i + "\n").reduce("", String::concat));
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int i = 0; i < 501; i++) {
            csv.append("+1646555").append(String.format("%04d", i)).append('\n');
        }
        assertThat(API.postCsv("/api/campaigns/" + manyContacts + "/contacts", csv.toString()).status()).isEqualTo(201);
        for (String user : List.of("a", "b", "c")) {
            API.post("/api/organizations/" + organization + "/users", "{\"email\":\"" + user + "@acme.example\"}");
        }
        API.post("/api/organizations/" + organization + "/phone-numbers", "{\"number\":\"+14155550100\"}");
        assertThat(API.deliver("10-inbound-call_inbound.request.json").status()).isEqualTo(200);
        Inbox.awaitApplied(DB);
    }

    private static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(contact -> numbers.add(contact.path("phone_number").asText()));
        return numbers;
    }

    @Test
    void firstPageOf50IsTheDefault() {
        JsonNode page = API.get("/api/campaigns/" + fiveContacts + "/contacts").json();

        assertThat(numbers(page)).containsExactly("+12125550100", "+12125550101", "+12125550102", "+12125550103",
                "+12125550104");
        assertThat(page.path("offset").asInt()).isZero();
        assertThat(page.path("limit").asInt()).isEqualTo(50);
        assertThat(page.path("next_offset").isNull()).isTrue();
    }

    @Test
    void pagesFollowOneAnotherByNextOffset() {
        JsonNode first = API.get("/api/campaigns/" + fiveContacts + "/contacts?limit=2").json();
        JsonNode second = API.get("/api/campaigns/" + fiveContacts + "/contacts?offset="
                + first.path("next_offset").asInt() + "&limit=2").json();
        JsonNode last = API.get("/api/campaigns/" + fiveContacts + "/contacts?offset="
                + second.path("next_offset").asInt() + "&limit=2").json();

        assertThat(numbers(first)).containsExactly("+12125550100", "+12125550101");
        assertThat(first.path("next_offset").asInt()).isEqualTo(2);
        assertThat(numbers(second)).containsExactly("+12125550102", "+12125550103");
        assertThat(second.path("next_offset").asInt()).isEqualTo(4);
        assertThat(numbers(last)).containsExactly("+12125550104");
        assertThat(last.path("next_offset").isNull()).isTrue();
    }

    @Test
    void pageEndingExactlyAtTheLastItemHasNoNextOffset() {
        JsonNode page = API.get("/api/campaigns/" + fiveContacts + "/contacts?offset=3&limit=2").json();

        assertThat(numbers(page)).containsExactly("+12125550103", "+12125550104");
        assertThat(page.path("next_offset").isNull()).isTrue();
    }

    @Test
    void offsetBeyondTheEndIsAnEmptyLastPage() {
        Answer answer = API.get("/api/campaigns/" + fiveContacts + "/contacts?offset=5");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(json("{'items':[],'offset':5,'limit':50,'next_offset':null}"));
    }

    @Test
    void largestPageIs500AndStillKnowsWhatFollows() {
        JsonNode first = API.get("/api/campaigns/" + manyContacts + "/contacts?limit=500").json();
        JsonNode rest = API.get("/api/campaigns/" + manyContacts + "/contacts?offset=500&limit=500").json();

        assertThat(first.path("items")).hasSize(500);
        assertThat(first.path("next_offset").asInt()).isEqualTo(500);
        assertThat(numbers(rest)).containsExactly("+16465550500");
        assertThat(rest.path("next_offset").isNull()).isTrue();
    }

    @Test
    void fullPageAtTheEndOfAListOf500HasNoNextOffset() {
        JsonNode page = API.get("/api/campaigns/" + manyContacts + "/contacts?offset=1&limit=500").json();

        assertThat(page.path("items")).hasSize(500);
        assertThat(page.path("next_offset").isNull()).isTrue();
    }

    @Test
    void notificationsPageLikeEveryList() {
        JsonNode first = API.get("/api/organizations/" + organization + "/notifications?limit=2").json();
        JsonNode rest = API.get("/api/organizations/" + organization + "/notifications?offset=2&limit=2").json();

        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("next_offset").asInt()).isEqualTo(2);
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.path("next_offset").isNull()).isTrue();
    }

    @Test
    void activityPagesAndAcceptsTheSnakeCaseOrganisationParameterToo() {
        JsonNode camel = API.get("/api/activity?organizationId=" + organization + "&limit=3").json();
        JsonNode snake = API.get("/api/activity?organization_id=" + organization + "&limit=3").json();

        assertThat(camel.path("items")).hasSize(3);
        assertThat(camel.path("next_offset").asInt()).isEqualTo(3);
        assertThat(snake).isEqualTo(camel);
    }

    @Test
    void activitySinceADateIncludesEverythingFromMidnightUtc() {
        JsonNode all = API.get("/api/activity?organizationId=" + organization + "&limit=500").json();
        JsonNode sinceDate = API.get("/api/activity?organizationId=" + organization + "&since=2020-01-01&limit=500")
                .json();
        JsonNode sinceOffset = API.get("/api/activity?organizationId=" + organization
                + "&since=2020-01-01T02:00:00%2B02:00&limit=500").json();

        assertThat(sinceDate).isEqualTo(all);
        assertThat(sinceOffset).isEqualTo(all);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
        "limit|501|limit must be a whole number from 1 to 500",
        "limit|0|limit must be a whole number from 1 to 500",
        "limit|ten|limit must be a whole number from 1 to 500",
        "offset|-1|offset must be a whole number, 0 or more",
        "offset|1.5|offset must be a whole number, 0 or more",
        "offset|99999999999|offset must be a whole number, 0 or more"})
    void pagingParameterOutOfRangeIs400NamingIt(String parameter, String value, String message) {
        Answer answer = API.get("/api/campaigns/" + fiveContacts + "/contacts?" + parameter + "=" + value);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo(json("{'error':'invalid_parameter','message':'" + message + "','field':'"
                + parameter + "'}"));
    }

    @Test
    void organisationThatIsNotAUuidIs400NamingTheParameter() {
        Answer answer = API.get("/api/activity?organizationId=acme");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("organizationId");
    }

    @Test
    void sinceThatIsNotATimeIs400NamingTheParameter() {
        Answer answer = API.get("/api/activity?since=yesterday");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo(json("{'error':'invalid_parameter','message':'since must be an ISO-8601"
                + " time, e.g. 2026-09-21T10:00:00Z or 2026-09-21','field':'since'}"));
    }

    @Test
    void pagingParametersOfNotificationsAreCheckedToo() {
        Answer answer = API.get("/api/organizations/" + organization + "/notifications?limit=1000");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("limit");
    }

    @Test
    void campaignIdThatIsNotAUuidIs400() {
        Answer answer = API.get("/api/campaigns/september/contacts");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("id");
    }
}
