package io.callhook.core.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * One of our phone numbers: the organisation that owns it and, optionally, the agent that answers its inbound calls.
 *
 * @param inboundAgentId agent answering inbound calls, or {@code null} to keep the agent Retell proposes
 */
public record PhoneNumber(PhoneNumberId id, OrganizationId organizationId, PhoneNumberE164 number, AgentId inboundAgentId,
                          Instant createdAt) {

    public PhoneNumber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
