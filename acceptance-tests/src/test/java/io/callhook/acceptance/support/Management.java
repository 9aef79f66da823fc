package io.callhook.acceptance.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets callhook up through its management API, as an operator would, failing the test on any answer but the expected
 * one. Every method returns the created resource's JSON.
 */
public final class Management {

    private final ApiClient api;

    public Management(ApiClient api) {
        this.api = api;
    }

    public JsonNode organization(String name) {
        return created(api.post("/api/organizations", Map.of("name", name)));
    }

    public JsonNode user(String organizationId, String email, String displayName) {
        return created(api.post("/api/organizations/" + organizationId + "/users",
                Map.of("email", email, "display_name", displayName)));
    }

    public JsonNode agent(String organizationId, String retellAgentId, String name) {
        return created(api.post("/api/organizations/" + organizationId + "/agents",
                Map.of("retell_agent_id", retellAgentId, "name", name)));
    }

    /** @param inboundAgentId callhook's agent id answering inbound calls on this number, or {@code null} */
    public JsonNode phoneNumber(String organizationId, String number, String inboundAgentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", number);
        body.put("inbound_agent_id", inboundAgentId);
        return created(api.post("/api/organizations/" + organizationId + "/phone-numbers", body));
    }

    /** A draft campaign with this retry policy and no calling window (any time). */
    public JsonNode campaign(String organizationId, String agentId, String name, List<String> retryOn,
                             int maxAttempts, long retryDelaySeconds) {
        return created(api.post("/api/organizations/" + organizationId + "/campaigns", Map.of(
                "agent_id", agentId,
                "name", name,
                "retry_on", retryOn,
                "max_attempts", maxAttempts,
                "retry_delay_seconds", retryDelaySeconds)));
    }

    /** Adds contacts given as JSON objects ({@code phone_number}, {@code name}, {@code variables}). */
    public JsonNode contacts(String campaignId, List<Map<String, Object>> contacts) {
        return created(api.post("/api/campaigns/" + campaignId + "/contacts", Map.of("contacts", contacts)));
    }

    /** Adds contacts given as CSV text (header line first). */
    public JsonNode contactsCsv(String campaignId, String csv) {
        return created(api.postRaw("/api/campaigns/" + campaignId + "/contacts", "text/csv", csv));
    }

    /** Moves a campaign to {@code status}; fails the test unless the move is accepted (200). */
    public JsonNode status(String campaignId, String status) {
        Answer answer = api.post("/api/campaigns/" + campaignId + "/status", Map.of("status", status));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode created(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        return answer.json();
    }
}
