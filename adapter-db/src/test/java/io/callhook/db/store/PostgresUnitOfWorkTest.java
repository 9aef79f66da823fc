package io.callhook.db.store;

import static io.callhook.db.store.SqlStates.UNIQUE_VIOLATION;
import static io.callhook.db.store.SqlStates.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUnitOfWorkTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private UnitOfWork store;
    private TestWorld world;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        world = TestWorld.in(store);
    }

    @Test
    void anExceptionAfterSeveralWritesLeavesNoRowBehind() {
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        Campaign campaign = world.processingCampaign(org, agent);
        Contact contact = world.contact(campaign, "+14155550101");
        User user = world.user(org, "ann@acme.test");
        Map<String, Long> before = rowCounts();
        IllegalStateException failure = new IllegalStateException("injected after the last write");

        assertThatThrownBy(() -> store.inTransaction(s -> {
            s.inbox().claim(new InboxEntry("k", "call_ended", "call_1", new byte[] {1}, TestWorld.T0,
                    InboxStatus.RECEIVED, null, 1));
            s.inbox().complete("k", InboxStatus.APPLIED, null);
            s.calls().lock(new CallId("call_1"));
            s.calls().save(Call.register(new CallId("call_1"), new CallLinks(org.id(), agent.id(), campaign.id(),
                    contact.id()), TestWorld.T0));
            s.contacts().saveAttempt(new ContactAttempt(contact.id(), 1, new CallId("call_1"), null, null));
            s.contacts().update(new Contact(contact.id(), contact.campaignId(), contact.phoneNumber(), contact.name(),
                    contact.variables(), ContactStatus.CALLING, 1, null, null, null, contact.createdAt()));
            s.contacts().createAll(List.of(Contact.pending(ContactId.random(), campaign.id(),
                    new PhoneNumberE164("+14155550102"), null, Map.of(), TestWorld.T0)));
            s.campaigns().addProgress(campaign.id(), new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
            s.notifications().addIfAbsent(new Notification(NotificationId.random(), org.id(), user.id(),
                    new CallId("call_1"), null, null, TestWorld.T0, null));
            s.activity().append(List.of(new ActivityEntry(UUID.randomUUID(), org.id(), "call", "call_1", "created",
                    "call_started", "call_1", null, "registered", TestWorld.T0)));
            s.directory().create(new Organization(OrganizationId.random(), "Other", TestWorld.T0));
            throw failure;
        })).isSameAs(failure);

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(store.inTransaction(s -> s.contacts().find(contact.id())).orElseThrow()).isEqualTo(contact);
        assertThat(store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow()).isEqualTo(campaign);
    }

    @Test
    void aConstraintViolationIsReportedAsItselfNotAsUnavailability() {
        Organization org = world.organization("Acme");
        world.agent(org, "agent_a");

        assertFailsWith(UNIQUE_VIOLATION, "agents_retell_agent_id_key", () -> world.agent(org, "agent_a"));
    }

    @Test
    void anUnreachableDatabaseIsReportedAsUnavailable() {
        UnitOfWork unreachable = new PostgresUnitOfWork(Jdbi.create("jdbc:postgresql://127.0.0.1:1/callhook?connectTimeout=2"));

        assertThatThrownBy(() -> unreachable.inTransaction(s -> s.calls().find(new CallId("call_1"))))
                .isInstanceOf(PersistenceUnavailableException.class);
    }

    @Test
    void theWorksResultIsReturnedAfterCommit() {
        Organization org = world.organization("Acme");

        String name = store.inTransaction(s -> s.directory().organization(org.id()).orElseThrow().name());

        assertThat(name).isEqualTo("Acme");
    }

    /** Rows per table of this schema (Flyway's history aside). */
    private static Map<String, Long> rowCounts() {
        return DB.jdbi().withHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT tablename FROM pg_tables
                            WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
                            ORDER BY tablename
                            """).mapTo(String.class).list();
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                counts.put(table, h.createQuery("SELECT count(*) FROM \"" + table + "\"").mapTo(Long.class).one());
            }
            return counts;
        });
    }
}
