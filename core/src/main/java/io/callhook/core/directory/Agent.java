package io.callhook.core.directory;

import java.time.Instant;
import java.util.Objects;

/** One of our voice agents: our id, the Retell {@code agent_id} it stands for, and the organisation that owns it. */
public record Agent(AgentId id, OrganizationId organizationId, String retellAgentId, String name, Instant createdAt) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(retellAgentId, "retellAgentId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
