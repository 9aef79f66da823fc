package io.callhook.db.store;

import static io.callhook.db.store.SqlStates.CHECK_VIOLATION;
import static io.callhook.db.store.SqlStates.UNIQUE_VIOLATION;
import static io.callhook.db.store.SqlStates.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresContactRepositoryTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private UnitOfWork store;
    private TestWorld world;
    private Campaign campaign;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        world = TestWorld.in(store);
        Organization org = world.organization("Acme");
        campaign = world.processingCampaign(org, world.agent(org, "agent_a"));
    }

    @Test
    void contactsReadBackEqualInTheOrderTheyWereGiven() {
        Contact plain = Contact.pending(ContactId.random(), campaign.id(), new PhoneNumberE164("+14155550103"), null,
                Map.of(), TestWorld.T0);
        Contact rich = new Contact(ContactId.random(), campaign.id(), new PhoneNumberE164("+14155550101"), "Ann Ö'Neil",
                Map.of("first_name", "Ann", "quote", "say \"hi\"", "unicode", "✓"), ContactStatus.RETRY_SCHEDULED, 2,
                Outcome.NO_ANSWER, TestWorld.T0.plusSeconds(3600), null, TestWorld.T0.plusMillis(1));
        Contact failed = new Contact(ContactId.random(), campaign.id(), new PhoneNumberE164("+14155550102"), "Bo",
                Map.of(), ContactStatus.FAILED, 3, Outcome.BUSY, null, "attempts exhausted: 3 of 3, last busy",
                TestWorld.T0);

        List<Contact> added = store.inTransaction(s -> s.contacts().createAll(List.of(plain, rich, failed)));
        List<Contact> listed = store.inTransaction(s -> s.contacts().findByCampaign(campaign.id(), 0, 10));

        assertThat(added).containsExactly(plain, rich, failed);
        assertThat(listed).containsExactly(plain, rich, failed);
    }

    @Test
    void numbersAlreadyInTheCampaignOrRepeatedInTheListAreSkipped() {
        Contact existing = world.contact(campaign, "+14155550101");
        Contact again = pending("+14155550101");
        Contact fresh = pending("+14155550102");
        Contact freshTwice = pending("+14155550102");

        List<Contact> added = store.inTransaction(s -> s.contacts().createAll(List.of(again, fresh, freshTwice)));

        assertThat(added).containsExactly(fresh);
        List<Contact> listed = store.inTransaction(s -> s.contacts().findByCampaign(campaign.id(), 0, 10));
        assertThat(listed).containsExactly(existing, fresh);
    }

    @Test
    void thousandsOfContactsGoInWithOneStatement() {
        List<Contact> contacts = new ArrayList<>();
        IntStream.range(0, 5_000).forEach(i -> contacts.add(pending("+1415%07d".formatted(i))));

        List<Contact> added = store.inTransaction(s -> s.contacts().createAll(contacts));

        assertThat(added).hasSize(5_000);
        List<Contact> page = store.inTransaction(s -> s.contacts().findByCampaign(campaign.id(), 4_998, 10));
        assertThat(page).containsExactly(contacts.get(4_998), contacts.get(4_999));
        assertThat(countOpen()).isEqualTo(5_000L);
    }

    @Test
    void updateReplacesTheDerivedStateOnly() {
        Contact contact = world.contact(campaign, "+14155550101");
        Contact failed = new Contact(contact.id(), contact.campaignId(), contact.phoneNumber(), contact.name(),
                contact.variables(), ContactStatus.FAILED, 1, Outcome.DECLINED, null, "not retried: declined",
                contact.createdAt());

        store.inTransaction(s -> {
            s.contacts().update(failed);
            return null;
        });

        Optional<Contact> byNumber = store.inTransaction(s -> s.contacts().findByNumber(campaign.id(),
                new PhoneNumberE164("+14155550101")));
        assertThat(byNumber).contains(failed);
        assertThat(countOpen()).isZero();
    }

    @Test
    void everyContactStatusIsAcceptedAndOnlyOpenOnesAreCounted() {
        for (ContactStatus status : ContactStatus.values()) {
            Contact contact = world.contact(campaign, "+1415555%04d".formatted(status.ordinal()));
            Contact changed = new Contact(contact.id(), contact.campaignId(), contact.phoneNumber(), contact.name(),
                    contact.variables(), status, 0, null, null, null, contact.createdAt());
            store.inTransaction(s -> {
                s.contacts().update(changed);
                return null;
            });
            Optional<Contact> loaded = store.inTransaction(s -> s.contacts().lock(contact.id()));
            assertThat(loaded).contains(changed);
        }

        long open = List.of(ContactStatus.values()).stream().filter(ContactStatus::isOpen).count();
        assertThat(countOpen()).isEqualTo(open);
    }

    @Test
    void attemptsWithEveryOutcomeReadBackByNumber() {
        Contact contact = world.contact(campaign, "+14155550101");
        List<ContactAttempt> attempts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            attempts.add(new ContactAttempt(contact.id(), outcome.ordinal() + 1, new CallId("call_" + outcome),
                    outcome, TestWorld.T0.plusSeconds(outcome.ordinal())));
        }
        ContactAttempt underWay = new ContactAttempt(contact.id(), attempts.size() + 1, new CallId("call_now"), null,
                null);
        attempts.add(underWay);

        store.inTransaction(s -> {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                s.contacts().saveAttempt(attempts.get(i));
            }
            return null;
        });

        assertThat(attempts(contact)).containsExactlyElementsOf(attempts);
        Optional<ContactAttempt> forCall = store.inTransaction(s -> s.contacts().attemptForCall(contact.id(),
                new CallId("call_now")));
        assertThat(forCall).contains(underWay);
    }

    @Test
    void savingAnAttemptForTheSameCallReplacesIt() {
        Contact contact = world.contact(campaign, "+14155550101");
        ContactAttempt underWay = new ContactAttempt(contact.id(), 1, new CallId("call_1"), null, null);
        ContactAttempt finished = new ContactAttempt(contact.id(), 1, new CallId("call_1"), Outcome.VOICEMAIL,
                TestWorld.T0);

        store.inTransaction(s -> {
            s.contacts().saveAttempt(underWay);
            s.contacts().saveAttempt(finished);
            return null;
        });

        assertThat(attempts(contact)).containsExactly(finished);
    }

    @Test
    void twoAttemptsCannotShareANumberOrACall() {
        Contact contact = world.contact(campaign, "+14155550101");
        store.inTransaction(s -> {
            s.contacts().saveAttempt(new ContactAttempt(contact.id(), 1, new CallId("call_1"), null, null));
            return null;
        });

        assertFailsWith(UNIQUE_VIOLATION, "campaign_contact_attempts_pkey", () -> store.inTransaction(s -> {
            s.contacts().saveAttempt(new ContactAttempt(contact.id(), 1, new CallId("call_2"), null, null));
            return null;
        }));
        assertFailsWith(UNIQUE_VIOLATION, "campaign_contact_attempts_contact_call_key", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("""
                        INSERT INTO campaign_contact_attempts (contact_id, attempt_number, call_id)
                        VALUES (:contact_id, 2, 'call_1')
                        """).bind("contact_id", contact.id().value()).execute()));
    }

    @Test
    void aSecondContactWithTheSameNumberIsImpossible() {
        world.contact(campaign, "+14155550101");

        assertFailsWith(UNIQUE_VIOLATION, "campaign_contacts_campaign_phone_key", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("""
                        INSERT INTO campaign_contacts (id, campaign_id, phone_number, status, created_at)
                        VALUES (gen_random_uuid(), :campaign_id, '+14155550101', 'pending', now())
                        """).bind("campaign_id", campaign.id().value()).execute()));
    }

    @Test
    void anUnknownStatusOrOutcomeIsRejectedByTheDatabase() {
        Contact contact = world.contact(campaign, "+14155550101");

        assertFailsWith(CHECK_VIOLATION, "campaign_contacts_status_check", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("UPDATE campaign_contacts SET status = 'PENDING' WHERE id = :id")
                .bind("id", contact.id().value()).execute()));
        assertFailsWith(CHECK_VIOLATION, "campaign_contacts_last_outcome_check", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("UPDATE campaign_contacts SET last_outcome = 'hung_up' WHERE id = :id")
                .bind("id", contact.id().value()).execute()));
        assertFailsWith(CHECK_VIOLATION, "campaign_contact_attempts_outcome_check", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("""
                        INSERT INTO campaign_contact_attempts (contact_id, attempt_number, call_id, outcome)
                        VALUES (:id, 1, 'call_1', 'hung_up')
                        """).bind("id", contact.id().value()).execute()));
    }

    private long countOpen() {
        return store.inTransaction(s -> s.contacts().countOpen(campaign.id()));
    }

    private List<ContactAttempt> attempts(Contact contact) {
        return store.inTransaction(s -> s.contacts().attempts(contact.id()));
    }

    private Contact pending(String number) {
        return Contact.pending(ContactId.random(), campaign.id(), new PhoneNumberE164(number), "contact " + number,
                Map.of("first_name", "Pat"), TestWorld.T0);
    }
}
