package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.db.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What V1__directory.sql lets in and keeps out. */
class DirectorySchemaTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    @BeforeEach
    void clean() {
        db.truncateAll();
    }

    @Test
    void organizationWithAgentUserAndPhoneNumberIsStored() {
        UUID org = insertOrganization("Acme Dental");
        UUID agent = insertAgent(org, "agent_abc");
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO user_profiles (id, organization_id, email, display_name) VALUES (?, ?, ?, ?)",
                    UUID.randomUUID(), org, "ops@acme.test", "Ops");
            h.execute("INSERT INTO phone_numbers (id, organization_id, e164, inbound_agent_id) VALUES (?, ?, ?, ?)",
                    UUID.randomUUID(), org, "+14155550123", agent);
        });

        UUID inboundAgent = db.jdbi().withHandle(h -> h
                .createQuery("SELECT inbound_agent_id FROM phone_numbers WHERE e164 = '+14155550123'")
                .mapTo(UUID.class).one());
        assertThat(inboundAgent).isEqualTo(agent);
        int stamped = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM organizations WHERE created_at IS NOT NULL").mapTo(Integer.class).one());
        assertThat(stamped).isEqualTo(1);
    }

    @Test
    void idsDefaultToRandomUuids() {
        UUID id = db.jdbi().withHandle(h -> h
                .createQuery("INSERT INTO organizations (name) VALUES ('No id given') RETURNING id")
                .mapTo(UUID.class).one());

        assertThat(id).isNotNull();
    }

    @Test
    void duplicateRetellAgentIdIsRejected() {
        UUID org = insertOrganization("Acme");
        UUID otherOrg = insertOrganization("Other");
        insertAgent(org, "agent_dup");

        assertThatThrownBy(() -> insertAgent(otherOrg, "agent_dup"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"))
                .hasMessageContaining("agents_retell_agent_id_key");
    }

    @Test
    void phoneNumberNotInE164IsRejected() {
        UUID org = insertOrganization("Acme");

        for (String invalid : new String[] {"4155550123", "+04155550123", "+1 415 555 0123", "+12345", "+1234567890123456"}) {
            assertThatThrownBy(() -> insertPhoneNumber(org, invalid))
                    .as(invalid)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"))
                    .hasMessageContaining("phone_numbers_e164_format");
        }
        insertPhoneNumber(org, "+4930123456");
    }

    @Test
    void duplicatePhoneNumberIsRejected() {
        UUID org = insertOrganization("Acme");
        insertPhoneNumber(org, "+14155550123");

        assertThatThrownBy(() -> insertPhoneNumber(insertOrganization("Other"), "+14155550123"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
    }

    @Test
    void phoneNumberOfMissingOrganizationIsRejected() {
        assertThatThrownBy(() -> insertPhoneNumber(UUID.randomUUID(), "+14155550123"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
    }

    @Test
    void phoneNumberPointingAtMissingAgentIsRejected() {
        UUID org = insertOrganization("Acme");

        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO phone_numbers (id, organization_id, e164, inbound_agent_id) VALUES (?, ?, ?, ?)",
                UUID.randomUUID(), org, "+14155550123", UUID.randomUUID())))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
    }

    @Test
    void blankOrganizationNameIsRejected() {
        assertThatThrownBy(() -> insertOrganization("   "))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void sameEmailTwiceInOneOrganizationIsRejectedButAllowedInAnother() {
        UUID org = insertOrganization("Acme");
        UUID other = insertOrganization("Other");
        insertUser(org, "a@acme.test");
        insertUser(other, "a@acme.test");

        assertThatThrownBy(() -> insertUser(org, "a@acme.test"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
    }

    private static UUID insertOrganization(String name) {
        UUID id = UUID.randomUUID();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO organizations (id, name) VALUES (?, ?)", id, name));
        return id;
    }

    private static UUID insertAgent(UUID organization, String retellAgentId) {
        UUID id = UUID.randomUUID();
        db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO agents (id, organization_id, retell_agent_id, name) VALUES (?, ?, ?, 'Receptionist')",
                id, organization, retellAgentId));
        return id;
    }

    private static void insertPhoneNumber(UUID organization, String e164) {
        db.jdbi().useHandle((Handle h) -> h.execute(
                "INSERT INTO phone_numbers (id, organization_id, e164) VALUES (?, ?, ?)",
                UUID.randomUUID(), organization, e164));
    }

    private static void insertUser(UUID organization, String email) {
        db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO user_profiles (id, organization_id, email) VALUES (?, ?, ?)",
                UUID.randomUUID(), organization, email));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
