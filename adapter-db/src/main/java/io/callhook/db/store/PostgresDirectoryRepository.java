package io.callhook.db.store;

import io.callhook.db.StorableValues;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.store.SqlValues.uuid;

import io.callhook.core.directory.Agent;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.PhoneNumberId;
import io.callhook.core.directory.User;
import io.callhook.core.directory.UserId;
import io.callhook.core.port.out.DirectoryRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The directory in V1's tables {@code organizations}, {@code user_profiles}, {@code agents} and {@code phone_numbers}.
 * Creating a record whose key is taken fails with the unique violation (a bug or a race the caller lost).
 */
final class PostgresDirectoryRepository implements DirectoryRepository {

    private final Handle handle;

    PostgresDirectoryRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void create(Organization organization) {
        handle.createUpdate("INSERT INTO organizations (id, name, created_at) VALUES (:id, :name, :created_at)")
                .bind("id", organization.id().value())
                .bind("name", organization.name())
                .bind("created_at", timestamp(organization.createdAt()))
                .execute();
    }

    @Override
    public void create(User user) {
        handle.createUpdate("""
                        INSERT INTO user_profiles (id, organization_id, email, display_name, created_at)
                        VALUES (:id, :organization_id, :email, :display_name, :created_at)
                        """)
                .bind("id", user.id().value())
                .bind("organization_id", user.organizationId().value())
                .bind("email", user.email())
                .bind("display_name", user.displayName())
                .bind("created_at", timestamp(user.createdAt()))
                .execute();
    }

    @Override
    public void create(Agent agent) {
        handle.createUpdate("""
                        INSERT INTO agents (id, organization_id, retell_agent_id, name, created_at)
                        VALUES (:id, :organization_id, :retell_agent_id, :name, :created_at)
                        """)
                .bind("id", agent.id().value())
                .bind("organization_id", agent.organizationId().value())
                .bind("retell_agent_id", agent.retellAgentId())
                .bind("name", agent.name())
                .bind("created_at", timestamp(agent.createdAt()))
                .execute();
    }

    @Override
    public void create(PhoneNumber phoneNumber) {
        handle.createUpdate("""
                        INSERT INTO phone_numbers (id, organization_id, e164, inbound_agent_id, created_at)
                        VALUES (:id, :organization_id, :e164, :inbound_agent_id, :created_at)
                        """)
                .bind("id", phoneNumber.id().value())
                .bind("organization_id", phoneNumber.organizationId().value())
                .bind("e164", phoneNumber.number().value())
                .bind("inbound_agent_id", SqlValues.nullableUuid(
                        phoneNumber.inboundAgentId() == null ? null : phoneNumber.inboundAgentId().value()))
                .bind("created_at", timestamp(phoneNumber.createdAt()))
                .execute();
    }

    @Override
    public Optional<Organization> organization(OrganizationId id) {
        return handle.createQuery("SELECT id, name, created_at FROM organizations WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Organization(new OrganizationId(uuid(rs, "id")), rs.getString("name"),
                        instant(rs, "created_at")))
                .findOne();
    }

    @Override
    public Optional<Agent> agent(AgentId id) {
        return handle.createQuery("SELECT * FROM agents WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresDirectoryRepository::agent)
                .findOne();
    }

    @Override
    public Optional<Agent> agentByRetellId(String retellAgentId) {
        return handle.createQuery("SELECT * FROM agents WHERE retell_agent_id = :retell_agent_id")
                .bind("retell_agent_id", StorableValues.text(retellAgentId)) // from an event: may hold a NUL
                .map(PostgresDirectoryRepository::agent)
                .findOne();
    }

    @Override
    public Optional<PhoneNumber> phoneNumber(PhoneNumberE164 number) {
        return handle.createQuery("SELECT * FROM phone_numbers WHERE e164 = :e164")
                .bind("e164", number.value())
                .map((rs, ctx) -> {
                    UUID inboundAgent = uuid(rs, "inbound_agent_id");
                    return new PhoneNumber(new PhoneNumberId(uuid(rs, "id")),
                            new OrganizationId(uuid(rs, "organization_id")),
                            new PhoneNumberE164(rs.getString("e164")),
                            inboundAgent == null ? null : new AgentId(inboundAgent),
                            instant(rs, "created_at"));
                })
                .findOne();
    }

    @Override
    public List<User> users(OrganizationId organizationId) {
        // V1 has no insertion sequence; users created in the same microsecond come in id order
        return handle.createQuery("""
                        SELECT * FROM user_profiles WHERE organization_id = :organization_id ORDER BY created_at, id
                        """)
                .bind("organization_id", organizationId.value())
                .map((rs, ctx) -> new User(new UserId(uuid(rs, "id")),
                        new OrganizationId(uuid(rs, "organization_id")),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        instant(rs, "created_at")))
                .list();
    }

    private static Agent agent(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Agent(new AgentId(uuid(rs, "id")),
                new OrganizationId(uuid(rs, "organization_id")),
                rs.getString("retell_agent_id"),
                rs.getString("name"),
                instant(rs, "created_at"));
    }
}
