package io.callhook.core.port.out;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumberId;
import io.callhook.core.port.in.InboundAnswer;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The routing decision given to a {@code call_inbound} webhook, recorded with the inbox entry when the delivery is
 * accepted. The appliers record the call and notify users from this decision, not from a fresh lookup, so what is
 * recorded always agrees with the answer Retell was given (even when the directory changed in between), and a
 * duplicate delivery is answered the same way.
 *
 * @param answer         what Retell was told
 * @param phoneNumberId  the called number, or {@code null} when it is not ours
 * @param organizationId its organisation, or {@code null} when the number is not ours
 * @param agentId        the agent that answers, when it is one of the organisation's, else {@code null}
 */
public record InboundDecision(InboundAnswer answer, PhoneNumberId phoneNumberId, OrganizationId organizationId,
                              AgentId agentId) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public InboundDecision {
        Objects.requireNonNull(answer, "answer");
        if ((phoneNumberId == null) != (organizationId == null)) {
            throw new IllegalArgumentException("a known number has an organisation, an unknown one has none");
        }
    }

    /** Whether the called number is one of ours. */
    public boolean knownNumber() {
        return phoneNumberId != null;
    }

    /** The decision as JSON text, for storage next to the raw delivery. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(answer.overrideAgentId(), answer.dynamicVariables(),
                    answer.metadata(), uuid(phoneNumberId == null ? null : phoneNumberId.value()),
                    uuid(organizationId == null ? null : organizationId.value()),
                    uuid(agentId == null ? null : agentId.value())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inbound decision is always writable as JSON", e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static InboundDecision fromJson(String json) {
        try {
            Stored s = JSON.readValue(json, Stored.class);
            return new InboundDecision(new InboundAnswer(s.overrideAgentId, s.dynamicVariables, s.metadata),
                    s.phoneNumberId == null ? null : new PhoneNumberId(UUID.fromString(s.phoneNumberId)),
                    s.organizationId == null ? null : new OrganizationId(UUID.fromString(s.organizationId)),
                    s.agentId == null ? null : new AgentId(UUID.fromString(s.agentId)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a recorded inbound decision", e);
        }
    }

    private static String uuid(UUID id) {
        return id == null ? null : id.toString();
    }

    /** The stored form: plain strings, so that the format does not depend on how the id types serialise. */
    record Stored(@JsonProperty("override_agent_id") String overrideAgentId,
                          @JsonProperty("dynamic_variables") Map<String, String> dynamicVariables,
                          @JsonProperty("metadata") Map<String, String> metadata,
                          @JsonProperty("phone_number_id") String phoneNumberId,
                          @JsonProperty("organization_id") String organizationId,
                          @JsonProperty("agent_id") String agentId) {
    }
}
