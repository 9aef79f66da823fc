package io.callhook.acceptance;

import static io.callhook.acceptance.support.ErrorBodies.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.ApiClient;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Management;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's door: CORS for the configured dashboard origin only, the bearer token on every path under {@code /api},
 * 422 naming the field for input the management API cannot use, 409 with the reason for an illegal campaign move.
 */
class ApiAccessAndValidationTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    private static final String SOMEONE = UUID.randomUUID().toString();

    private static ApiClient api;
    private static String organization;
    private static String agent;
    private static String campaign;

    @BeforeAll
    static void anOrganizationWithADraftCampaign() {
        api = server.api();
        Management manage = new Management(api);
        organization = manage.organization("Acme Dental").path("id").asText();
        agent = manage.agent(organization, "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c", "Recall").path("id").asText();
        campaign = manage.campaign(organization, agent, "Recall", List.of("no_answer"), 3, 3600).path("id").asText();
    }

    // --- CORS ---

    @Test
    void preflightFromTheAllowedOriginIsAnsweredWithoutAToken() {
        Answer answer = server.apiWithToken(null).preflight("/api/campaigns/" + campaign, CallhookServer.ALLOWED_ORIGIN,
                "GET", "authorization");

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).contains(CallhookServer.ALLOWED_ORIGIN);
        assertThat(answer.header("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET", "POST"));
        assertThat(answer.header("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("Authorization", "Content-Type"));
        assertThat(answer.header("Access-Control-Max-Age")).contains("600");
    }

    @Test
    void preflightFromAnotherOriginIsRefusedWithoutCorsHeaders() {
        Answer answer = server.apiWithToken(null).preflight("/api/campaigns/" + campaign, "https://evil.example",
                "GET", "authorization");

        assertCleanError(answer, 403, "cors_origin_not_allowed");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void crossOriginRequestFromTheAllowedOriginMayReadTheAnswer() {
        Answer answer = api.get("/api/campaigns/" + campaign, "Origin", CallhookServer.ALLOWED_ORIGIN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).contains(CallhookServer.ALLOWED_ORIGIN);
        assertThat(answer.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
    }

    // --- authentication ---

    static Stream<Arguments> apiRequests() {
        return Stream.of(
                request("GET /api/calls/{id}", c -> c.get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2")),
                request("GET /api/campaigns/{id}", c -> c.get("/api/campaigns/" + SOMEONE)),
                request("GET /api/campaigns/{id}/contacts", c -> c.get("/api/campaigns/" + SOMEONE + "/contacts")),
                request("GET /api/organizations/{id}/notifications",
                        c -> c.get("/api/organizations/" + SOMEONE + "/notifications")),
                request("GET /api/activity", c -> c.get("/api/activity")),
                request("POST /api/organizations", c -> c.post("/api/organizations", Map.of("name", "Intruder"))),
                request("POST /api/campaigns/{id}/status",
                        c -> c.post("/api/campaigns/" + SOMEONE + "/status", Map.of("status", "cancelled"))));
    }

    private static Arguments request(String name, Function<ApiClient, Answer> call) {
        return arguments(named(name, call));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiRequests")
    void requestWithoutATokenIsRefused(Function<ApiClient, Answer> request) {
        Answer answer = request.apply(server.apiWithToken(null));

        assertCleanError(answer, 401, "unauthorized");
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiRequests")
    void requestWithAWrongTokenIsRefused(Function<ApiClient, Answer> request) {
        assertCleanError(request.apply(server.apiWithToken(CallhookServer.API_TOKEN + "x")), 401, "invalid_token");
    }

    @Test
    void requestWithTheTokenIsServed() {
        Answer answer = api.get("/api/campaigns/" + campaign);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asText()).isEqualTo(campaign);
        assertThat(server.rows("organizations")).as("no request without the token created anything").isEqualTo(1);
    }

    // --- validation ---

    static Stream<Arguments> invalidCommands() {
        return Stream.of(
                invalid("blank organisation name", "name",
                        () -> api.post("/api/organizations", Map.of("name", "  "))),
                invalid("misspelt field", "nmae",
                        () -> api.post("/api/organizations", Map.of("nmae", "Acme"))),
                invalid("user e-mail", "email",
                        () -> api.post("/api/organizations/" + organization + "/users",
                                Map.of("email", "not-an-address", "display_name", "X"))),
                invalid("blank Retell agent id", "retell_agent_id",
                        () -> api.post("/api/organizations/" + organization + "/agents",
                                Map.of("retell_agent_id", " ", "name", "X"))),
                invalid("phone number", "number",
                        () -> api.post("/api/organizations/" + organization + "/phone-numbers",
                                Map.of("number", "555-0100"))),
                invalid("campaign attempts", "max_attempts",
                        () -> api.post("/api/organizations/" + organization + "/campaigns",
                                Map.of("agent_id", agent, "name", "X", "max_attempts", 0))),
                invalid("campaign attempts given as text", "max_attempts",
                        () -> api.post("/api/organizations/" + organization + "/campaigns",
                                Map.of("agent_id", agent, "name", "X", "max_attempts", "three"))),
                invalid("retry outcome", "retry_on[1]",
                        () -> api.post("/api/organizations/" + organization + "/campaigns",
                                Map.of("agent_id", agent, "name", "X", "retry_on", List.of("busy", "sometimes")))),
                invalid("calling window zone", "calling_window.zone",
                        () -> api.post("/api/organizations/" + organization + "/campaigns", Map.of(
                                "agent_id", agent, "name", "X", "calling_window", Map.of(
                                        "days", List.of("monday"), "start", "09:00", "end", "17:00",
                                        "zone", "Mars/Olympus_Mons")))),
                invalid("second contact's number", "contacts[1].phone_number",
                        () -> api.post("/api/campaigns/" + campaign + "/contacts", Map.of("contacts", List.of(
                                Map.of("phone_number", "+12125550198"), Map.of("phone_number", "12"))))),
                invalid("CSV row", "line 3",
                        () -> api.postRaw("/api/campaigns/" + campaign + "/contacts", "text/csv",
                                "phone_number,name\n+12125550198,Maria\nnot a number,Sam\n")),
                invalid("campaign status", "status",
                        () -> api.post("/api/campaigns/" + campaign + "/status", Map.of("status", "finished"))));
    }

    private static Arguments invalid(String what, String field, Supplier<Answer> command) {
        return arguments(named(what, command), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCommands")
    void invalidInputIsRefusedWith422NamingTheField(Supplier<Answer> command, String field) {
        long activityBefore = server.rows("activity_logs");

        JsonNode error = assertCleanError(command.get(), 422, "invalid");

        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("message").asText()).startsWith(field);
        assertThat(server.rows("activity_logs")).as("nothing was changed").isEqualTo(activityBefore);
        assertThat(server.rows("campaign_contacts")).isZero();
    }

    @Test
    void illegalCampaignStatusChangeIsRefusedWith409AndTheReason() {
        JsonNode error = assertCleanError(
                api.post("/api/campaigns/" + campaign + "/status", Map.of("status", "completed")), 409, "conflict");

        assertThat(error.path("message").asText())
                .isEqualTo("A draft campaign cannot become completed; allowed: [processing, cancelled].");
        assertThat(api.get("/api/campaigns/" + campaign).json().path("status").asText()).isEqualTo("draft");
    }

    @Test
    void registeringTheSameRetellAgentTwiceIsAConflict() {
        JsonNode error = assertCleanError(api.post("/api/organizations/" + organization + "/agents",
                Map.of("retell_agent_id", "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c", "name", "Again")), 409, "conflict");

        assertThat(error.path("message").asText()).contains("agent_8c3f1a9e5b7d2c4e6f0a1b3d5c");
    }

    @Test
    void unknownCampaignIsNotFound() {
        assertCleanError(api.get("/api/campaigns/" + SOMEONE), 404, "not_found");
        assertCleanError(api.post("/api/campaigns/" + SOMEONE + "/status", Map.of("status", "processing")), 404,
                "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/campaigns/42", "/api/campaigns/not-a-uuid/contacts"})
    void malformedIdIsRefusedWith400NamingIt(String path) {
        JsonNode error = assertCleanError(api.get(path), 400, "invalid_parameter");

        assertThat(error.path("field").asText()).isEqualTo("id");
    }

    @Test
    void malformedPagingIsRefusedWith400NamingTheParameter() {
        JsonNode error = assertCleanError(api.get("/api/activity?limit=100000"), 400, "invalid_parameter");

        assertThat(error.path("field").asText()).isEqualTo("limit");
    }
}
