package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.User;

/** Organisations, users, agents and phone numbers as the management API answers them. */
public final class DirectoryViews {

    private DirectoryViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrganizationView(String id, String name, String createdAt) {

        public static OrganizationView of(Organization organization) {
            return new OrganizationView(organization.id().toString(), organization.name(),
                    Wire.time(organization.createdAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserView(String id, String organizationId, String email, String displayName, String createdAt) {

        public static UserView of(User user) {
            return new UserView(user.id().toString(), user.organizationId().toString(), user.email(),
                    user.displayName(), Wire.time(user.createdAt()));
        }
    }

    /** {@code id} is callhook's (used by campaigns and phone numbers), {@code retell_agent_id} Retell's. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AgentView(String id, String organizationId, String retellAgentId, String name, String createdAt) {

        public static AgentView of(Agent agent) {
            return new AgentView(agent.id().toString(), agent.organizationId().toString(), agent.retellAgentId(),
                    agent.name(), Wire.time(agent.createdAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PhoneNumberView(String id, String organizationId, String number, String inboundAgentId,
                                  String createdAt) {

        public static PhoneNumberView of(PhoneNumber phone) {
            return new PhoneNumberView(phone.id().toString(), phone.organizationId().toString(),
                    phone.number().value(), Wire.id(phone.inboundAgentId()), Wire.time(phone.createdAt()));
        }
    }
}
