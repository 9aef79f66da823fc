package io.callhook.db.store;

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
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stores of a {@link PostgresUnitOfWork} hold writes back until just before commit: within the unit of work every
 * read sees them, after the commit the tables hold them, and a unit of work that fails leaves none of them behind.
 */
class WriteBehindStoresTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private static final CampaignProgress ONE_BUSY = new CampaignProgress(1, 0, Map.of(Outcome.BUSY, 1L));

    private UnitOfWork store;
    private Organization org;
    private Campaign campaign;
    private List<Contact> contacts;
    private CallLinks links;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        TestWorld world = TestWorld.in(store);
        org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        campaign = world.processingCampaign(org, agent);
        contacts = world.contacts(campaign, "+14155550101", "+14155550102");
        links = new CallLinks(org.id(), agent.id(), campaign.id(), contacts.get(0).id());
    }

    @Test
    void campaignCountersAddedInAUnitOfWorkAreReadBackSummedAndWrittenOnce() {
        CampaignProgress seen = store.inTransaction(s -> {
            s.campaigns().lock(campaign.id());
            s.campaigns().addProgress(campaign.id(), ONE_BUSY);
            s.campaigns().addProgress(campaign.id(), ONE_BUSY);
            assertThat(s.campaigns().find(campaign.id()).orElseThrow().progress())
                    .isEqualTo(s.campaigns().lock(campaign.id()).orElseThrow().progress());
            return s.campaigns().findByOrganization(org.id(), 0, 10).get(0).progress();
        });

        CampaignProgress twoBusy = new CampaignProgress(2, 0, Map.of(Outcome.BUSY, 2L));
        assertThat(seen).isEqualTo(twoBusy);
        assertThat(store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow().progress())
                .isEqualTo(twoBusy);
    }

    @Test
    void aLockedCampaignReadAfterAFlushInTheMiddleOfTheTransactionCountsEachDeltaOnce() {
        CampaignProgress seen = DB.jdbi().inTransaction(handle -> {
            PostgresStores stores = PostgresStores.writeBehind(handle);
            stores.campaigns().lock(campaign.id());
            stores.campaigns().addProgress(campaign.id(), ONE_BUSY);
            stores.flush();
            stores.campaigns().addProgress(campaign.id(), ONE_BUSY);
            CampaignProgress held = stores.campaigns().lock(campaign.id()).orElseThrow().progress();
            stores.flush();
            return held;
        });

        CampaignProgress twoBusy = new CampaignProgress(2, 0, Map.of(Outcome.BUSY, 2L));
        assertThat(seen).isEqualTo(twoBusy);
        assertThat(store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow().progress())
                .isEqualTo(twoBusy);
    }

    @Test
    void aCallSavedInAUnitOfWorkIsFoundLockedAndListedBeforeItIsWritten() {
        CallId id = new CallId("call_1");
        Call call = Call.register(id, links, TestWorld.T0);

        store.inTransaction(s -> {
            s.calls().lockAll(List.of(new CallId("call_0"), id));
            s.calls().save(call);
            assertThat(s.calls().lock(id)).contains(call);
            assertThat(s.calls().find(id)).contains(call);
            assertThat(s.calls().findByCampaign(campaign.id())).containsExactly(call);
            return null;
        });

        Optional<Call> written = store.inTransaction(s -> s.calls().find(id));
        assertThat(written).contains(call);
    }

    @Test
    void contactUpdatesAndAttemptsAreSeenByTheUnitOfWorkAndItsOpenCount() {
        Contact first = contacts.get(0);
        Contact closed = new Contact(first.id(), first.campaignId(), first.phoneNumber(), first.name(),
                first.variables(), ContactStatus.COMPLETED, 1, Outcome.CONNECTED, null, null, first.createdAt());
        ContactAttempt attempt = new ContactAttempt(first.id(), 1, new CallId("call_1"), Outcome.CONNECTED,
                TestWorld.T0);

        List<Long> openCounts = store.inTransaction(s -> {
            long before = s.contacts().countOpen(campaign.id()); // campaign not locked: counted in the table
            s.contacts().lock(first.id());
            s.campaigns().lock(campaign.id());
            long lockedBefore = s.contacts().countOpen(campaign.id());
            s.contacts().update(closed);
            s.contacts().saveAttempt(attempt);
            assertThat(s.contacts().find(first.id())).contains(closed);
            assertThat(s.contacts().findByNumber(campaign.id(), first.phoneNumber())).contains(closed);
            assertThat(s.contacts().attempts(first.id())).containsExactly(attempt);
            assertThat(s.contacts().attemptForCall(first.id(), attempt.callId())).contains(attempt);
            return List.of(before, lockedBefore, s.contacts().countOpen(campaign.id()));
        });

        assertThat(openCounts).containsExactly(2L, 2L, 1L);
        long openAfter = store.inTransaction(s -> s.contacts().countOpen(campaign.id()));
        List<ContactAttempt> attemptsAfter = store.inTransaction(s -> s.contacts().attempts(first.id()));
        assertThat(openAfter).isEqualTo(1L);
        assertThat(attemptsAfter).containsExactly(attempt);
    }

    @Test
    void anOpenCountWithoutTheCampaignLockCountsUnwrittenUpdatesAsTheUnitOfWorkSeesThem() {
        Contact first = contacts.get(0);
        Contact closed = new Contact(first.id(), first.campaignId(), first.phoneNumber(), first.name(),
                first.variables(), ContactStatus.FAILED, 1, Outcome.INVALID_NUMBER, null, "invalid number",
                first.createdAt());

        long open = store.inTransaction(s -> {
            s.contacts().lock(first.id());
            s.contacts().update(closed);
            return s.contacts().countOpen(campaign.id());
        });

        assertThat(open).isEqualTo(1L);
    }

    @Test
    void anInboxOutcomeHeldBackIsReadBackByTheUnitOfWork() {
        InboxEntry entry = new InboxEntry("key_1", "call_started", "call_1", new byte[] {'{', '}'}, TestWorld.T0,
                InboxStatus.RECEIVED, null, 1);

        InboxStatus seen = store.inTransaction(s -> {
            s.inbox().claim(entry);
            s.inbox().complete("key_1", InboxStatus.IGNORED, "first");
            s.inbox().complete("key_1", InboxStatus.APPLIED, null);
            return s.inbox().find("key_1").orElseThrow().status();
        });

        assertThat(seen).isEqualTo(InboxStatus.APPLIED);
        assertThat(store.inTransaction(s -> s.inbox().find("key_1")).orElseThrow().detail()).isNull();
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNoneOfItsHeldBackWrites() {
        IllegalStateException failure = new IllegalStateException("the work failed");
        CallId id = new CallId("call_1");

        assertThatThrownBy(() -> store.inTransaction(s -> {
            s.calls().save(Call.register(id, links, TestWorld.T0));
            s.campaigns().addProgress(campaign.id(), ONE_BUSY);
            s.contacts().saveAttempt(new ContactAttempt(contacts.get(0).id(), 1, id, Outcome.BUSY, TestWorld.T0));
            s.activity().append(List.of(new ActivityEntry(UUID.randomUUID(), org.id(), "call", "call_1", "created",
                    "call_started", "call_1", null, "registered", TestWorld.T0)));
            throw failure;
        })).isSameAs(failure);

        Optional<Call> call = store.inTransaction(s -> s.calls().find(id));
        CampaignProgress progress = store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow().progress();
        List<ContactAttempt> attempts = store.inTransaction(s -> s.contacts().attempts(contacts.get(0).id()));
        List<ActivityEntry> activity = store.inTransaction(s -> s.activity().find(org.id(), null, 0, 10));
        assertThat(call).isEmpty();
        assertThat(progress).isEqualTo(CampaignProgress.ZERO);
        assertThat(attempts).isEmpty();
        assertThat(activity).isEmpty();
    }
}
