package io.callhook.acceptance;

import static io.callhook.acceptance.support.Fixtures.FRONT_DESK_AGENT;
import static io.callhook.acceptance.support.Fixtures.INBOUND_NUMBER;
import static io.callhook.acceptance.support.Fixtures.INBOUND_WEBHOOK;
import static io.callhook.acceptance.support.Fixtures.VIP_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.acceptance.support.Management;
import io.callhook.core.retell.RetellPayloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answer to Retell's inbound-call webhook decides who picks up while the caller hears ringing: a number we know
 * gets its inbound agent (or keeps the agent Retell proposed), our variables and metadata; a number we do not know gets
 * the empty decision, so Retell's own configuration applies. Retries get the same answer.
 */
class InboundCallAnswerTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMBER_WITHOUT_INBOUND_AGENT = "+14155550111";

    private static String organization;
    private static String inboundNumber;
    private static String plainNumber;

    @BeforeAll
    static void oneOrganizationWithTwoNumbers() {
        Management manage = new Management(server.api());
        organization = manage.organization("Acme Dental").path("id").asText();
        manage.user(organization, "ann@acme.test", "Ann");
        manage.agent(organization, FRONT_DESK_AGENT, "Front desk");
        String vip = manage.agent(organization, VIP_AGENT, "VIP desk").path("id").asText();
        inboundNumber = manage.phoneNumber(organization, INBOUND_NUMBER, vip).path("id").asText();
        plainNumber = manage.phoneNumber(organization, NUMBER_WITHOUT_INBOUND_AGENT, null).path("id").asText();
    }

    @Test
    void knownNumberIsAnsweredWithItsInboundAgentOurVariablesAndMetadata() {
        long started = System.nanoTime();
        Answer answer = server.webhook().post(Fixtures.bytes(INBOUND_WEBHOOK));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.json()).isEqualTo(JSON.valueToTree(Map.of("call_inbound", Map.of(
                "override_agent_id", VIP_AGENT,
                "dynamic_variables", Map.of("organization_id", organization, "organization_name", "Acme Dental"),
                "metadata", Map.of("callhook_organization_id", organization,
                        "callhook_phone_number_id", inboundNumber)))));
        assertThat(answer.json().path("call_inbound").path("dynamic_variables"))
                .as("Retell refuses the whole answer if any variable is not a string")
                .allSatisfy(value -> assertThat(value.isTextual()).isTrue());
        assertThat(took).as("inside Retell's 10 s, the caller is hearing ringing").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void retriedWebhookGetsTheSameAnswerAndNotifiesOnce() {
        byte[] body = RetellPayloads.callInbound("+13105550999", INBOUND_NUMBER).callId("call_inbound_retried")
                .agentId(FRONT_DESK_AGENT).agentVersion(4).bytes();

        Answer first = server.webhook().post(body);
        Answer retry = server.webhook().post(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        List<JsonNode> notifications = new ArrayList<>();
        server.api().get("/api/organizations/" + organization + "/notifications?limit=500").json().path("items")
                .forEach(n -> {
                    if (n.path("call_id").asText().equals("call_inbound_retried")) {
                        notifications.add(n);
                    }
                });
        assertThat(notifications).hasSize(1);
    }

    @Test
    void knownNumberWithoutInboundAgentKeepsTheAgentRetellProposed() {
        byte[] body = RetellPayloads.callInbound("+13105550123", NUMBER_WITHOUT_INBOUND_AGENT)
                .agentId(FRONT_DESK_AGENT).agentVersion(4).bytes();

        Answer answer = server.webhook().post(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(JSON.valueToTree(Map.of("call_inbound", Map.of(
                "override_agent_id", FRONT_DESK_AGENT,
                "dynamic_variables", Map.of("organization_id", organization, "organization_name", "Acme Dental"),
                "metadata", Map.of("callhook_organization_id", organization,
                        "callhook_phone_number_id", plainNumber)))));
    }

    @Test
    void unknownNumberGetsTheEmptyDecisionAndAWarningInTheActivityLog() {
        byte[] body = RetellPayloads.callInbound("+13105550123", "+19995550100").agentId(FRONT_DESK_AGENT).bytes();

        Answer answer = server.webhook().post(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"call_inbound\":{}}");
        List<String> warnings = new ArrayList<>();
        server.api().get("/api/activity?limit=500").json().path("items").forEach(entry -> {
            if (entry.path("action").asText().equals("unknown_number")) {
                warnings.add(entry.path("entity_id").asText());
            }
        });
        assertThat(warnings).containsExactly("+19995550100");
    }
}
