package io.callhook.core.port.out;

import io.callhook.core.directory.Agent;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.User;
import java.util.List;
import java.util.Optional;

/** Organisations, users, agents and phone numbers. */
public interface DirectoryRepository {

    void create(Organization organization);

    void create(User user);

    /** Stores the agent; its Retell agent id must be new. */
    void create(Agent agent);

    /** Stores the number; it must be new. */
    void create(PhoneNumber phoneNumber);

    Optional<Organization> organization(OrganizationId id);

    /** Every organisation, oldest first. */
    List<Organization> organizations(int offset, int limit);

    Optional<Agent> agent(AgentId id);

    Optional<Agent> agentByRetellId(String retellAgentId);

    Optional<PhoneNumber> phoneNumber(PhoneNumberE164 number);

    /** The organisation's users, oldest first. */
    List<User> users(OrganizationId organizationId);
}
