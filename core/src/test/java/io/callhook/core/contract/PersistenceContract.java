package io.callhook.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.CallingWindow;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.RetellPayloads;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the outbound ports must guarantee. Run against the in-memory store and PostgreSQL:
 * extend it and return a fresh, empty store from {@link #newStore()}.
 */
public abstract class PersistenceContract {

    protected UnitOfWork store;
    protected TestWorld world;

    /** A store with nothing in it (or at least nothing these tests could see). */
    protected abstract UnitOfWork newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        world = TestWorld.in(store);
    }

    private <T> T tx(java.util.function.Function<Stores, T> work) {
        return store.inTransaction(work);
    }

    private static Call analysedCall(CallLinks links) {
        Call call = Call.register(new CallId("call_4e1b9c07d2a85f36e1c04b7a9d2"), links, TestWorld.T0);
        for (String fixture : List.of("01-outbound-call_started.json", "02-outbound-call_ended.json",
                "03-outbound-call_analyzed.json")) {
            call = call.apply((CallEvent) RetellPayloads.event(fixture), TestWorld.T0);
        }
        return call;
    }

    @Test
    void savedCallReadsBackEqualWithEveryField() {
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        Campaign campaign = world.processingCampaign(org, agent);
        Contact contact = world.contact(campaign, "+14155550101");
        Call call = analysedCall(new CallLinks(org.id(), agent.id(), campaign.id(), contact.id()));

        tx((Stores s) -> {
            s.calls().save(call);
            return null;
        });

        Call loaded = tx((Stores s) -> s.calls().find(call.id())).orElseThrow();
        assertThat(loaded).isEqualTo(call);
        assertThat(loaded.outcome()).isEqualTo(Outcome.CONNECTED);
        assertThat(loaded.details().costCents()).isEqualByComparingTo(call.details().costCents());
        assertThat(tx((Stores s) -> s.calls().findByCampaign(campaign.id()))).containsExactly(loaded);
    }

    @Test
    void savingACallAgainReplacesIt() {
        Call registered = Call.register(new CallId("call_again"), CallLinks.NONE, TestWorld.T0);
        Call analysed = analysedCall(CallLinks.NONE);
        Call later = new Call(registered.id(), analysed.links(), analysed.state(), analysed.stateRank(),
                analysed.details(), analysed.outcomeSeenAt(), analysed.createdAt());

        tx((Stores s) -> {
            s.calls().save(registered);
            return null;
        });
        tx((Stores s) -> {
            s.calls().save(later);
            return null;
        });

        assertThat(tx((Stores s) -> s.calls().lock(registered.id()))).contains(later);
    }

    @Test
    void lockingAnUnknownCallFindsNothing() {
        assertThat(tx((Stores s) -> s.calls().lock(new CallId("call_nobody")))).isEmpty();
    }

    @Test
    void failedUnitOfWorkLeavesNoTrace() {
        Organization org = world.organization("Acme");
        Call call = Call.register(new CallId("call_rolled_back"), CallLinks.NONE, TestWorld.T0);
        InboxEntry entry = inboxEntry("key-rolled-back");

        assertThatThrownBy(() -> tx((Stores s) -> {
            s.inbox().claim(entry);
            s.calls().save(call);
            s.activity().append(List.of(activity(org, "first")));
            throw new IllegalStateException("injected failure between writes");
        })).isInstanceOf(IllegalStateException.class).hasMessage("injected failure between writes");

        assertThat(tx((Stores s) -> s.calls().find(call.id()))).isEmpty();
        assertThat(tx((Stores s) -> s.inbox().find(entry.dedupeKey()))).isEmpty();
        assertThat(tx((Stores s) -> s.activity().find(org.id(), null, 0, 10))).isEmpty();
    }

    @Test
    void secondClaimOfAKeyIsRefusedAndCounted() {
        InboxEntry entry = inboxEntry("call:x:call_ended");

        assertThat(tx((Stores s) -> s.inbox().claim(entry))).isTrue();
        assertThat(tx((Stores s) -> s.inbox().claim(entry))).isFalse();
        tx((Stores s) -> {
            s.inbox().complete(entry.dedupeKey(), InboxStatus.APPLIED, null);
            return null;
        });

        InboxEntry stored = tx((Stores s) -> s.inbox().find(entry.dedupeKey())).orElseThrow();
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.status()).isEqualTo(InboxStatus.APPLIED);
        assertThat(stored.body()).isEqualTo(entry.body());
        assertThat(stored.eventName()).isEqualTo("call_ended");
    }

    @Test
    void inboxListsEntriesByStatus() {
        tx((Stores s) -> {
            s.inbox().claim(inboxEntry("a"));
            s.inbox().claim(inboxEntry("b"));
            s.inbox().complete("a", InboxStatus.REJECTED, "event: missing");
            s.inbox().complete("b", InboxStatus.APPLIED, null);
            return null;
        });

        List<InboxEntry> rejected = tx((Stores s) -> s.inbox().findByStatus(InboxStatus.REJECTED, 10));
        assertThat(rejected).extracting(InboxEntry::dedupeKey).containsExactly("a");
        assertThat(rejected.get(0).detail()).isEqualTo("event: missing");
    }

    @Test
    void oneNotificationPerUserAndCall() {
        Organization org = world.organization("Acme");
        User user = world.user(org, "ops@acme.test");
        CallId callId = new CallId("call_inbound_1");

        boolean first = tx((Stores s) -> s.notifications().addIfAbsent(notification(org, user, callId, null)));
        boolean second = tx((Stores s) -> s.notifications().addIfAbsent(notification(org, user, callId, null)));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(tx((Stores s) -> s.notifications().findForOrganization(org.id(), 0, 10))).hasSize(1);
    }

    @Test
    void markingANotificationReadKeepsTheFirstReadingTime() {
        Organization org = world.organization("Acme");
        User user = world.user(org, "ops@acme.test");
        Notification unread = notification(org, user, new CallId("call_to_read"), null);
        tx((Stores s) -> s.notifications().addIfAbsent(unread));

        var first = tx((Stores s) -> s.notifications().markRead(org.id(), unread.id(), TestWorld.T0.plusSeconds(10)));
        var second = tx((Stores s) -> s.notifications().markRead(org.id(), unread.id(), TestWorld.T0.plusSeconds(20)));

        assertThat(first).contains(unread);
        assertThat(second).contains(unread.readAt(TestWorld.T0.plusSeconds(10)));
        assertThat(tx((Stores s) -> s.notifications().findForOrganization(org.id(), 0, 10)))
                .extracting(Notification::readAt).containsExactly(TestWorld.T0.plusSeconds(10));
    }

    @Test
    void aNotificationOfAnotherOrganizationCannotBeMarkedRead() {
        Organization org = world.organization("Acme");
        Organization other = world.organization("Other");
        Notification unread = notification(org, world.user(org, "ops@acme.test"), new CallId("call_x"), null);
        tx((Stores s) -> s.notifications().addIfAbsent(unread));

        assertThat(tx((Stores s) -> s.notifications().markRead(other.id(), unread.id(), TestWorld.T0))).isEmpty();
        assertThat(tx((Stores s) -> s.notifications().markRead(org.id(), NotificationId.random(), TestWorld.T0)))
                .isEmpty();
        assertThat(tx((Stores s) -> s.notifications().findForOrganization(org.id(), 0, 10)))
                .extracting(Notification::readAt).containsOnlyNulls();
    }

    @Test
    void latestCallsComeNewestFirstAndPage() {
        Call older = Call.register(new CallId("call_older"), CallLinks.NONE, TestWorld.T0);
        Call newer = Call.register(new CallId("call_newer"), CallLinks.NONE, TestWorld.T0.plusSeconds(1));
        Call newest = Call.register(new CallId("call_newest"), CallLinks.NONE, TestWorld.T0.plusSeconds(2));
        tx((Stores s) -> {
            s.calls().save(older);
            s.calls().save(newest);
            s.calls().save(newer);
            return null;
        });

        assertThat(tx((Stores s) -> s.calls().findLatest(0, 2))).extracting(Call::id)
                .containsExactly(newest.id(), newer.id());
        assertThat(tx((Stores s) -> s.calls().findLatest(2, 2))).extracting(Call::id).containsExactly(older.id());
    }

    @Test
    void organizationsAreListedOldestFirst() {
        Organization second = new Organization(OrganizationId.random(), "Second", TestWorld.T0.plusSeconds(1));
        Organization first = new Organization(OrganizationId.random(), "First", TestWorld.T0);
        tx((Stores s) -> {
            s.directory().create(second);
            s.directory().create(first);
            return null;
        });

        assertThat(tx((Stores s) -> s.directory().organizations(0, 10))).containsExactly(first, second);
        assertThat(tx((Stores s) -> s.directory().organizations(1, 10))).containsExactly(second);
    }

    @Test
    void notificationsListUnreadFirstThenNewest() {
        Organization org = world.organization("Acme");
        User user = world.user(org, "ops@acme.test");
        Notification readOld = notification(org, user, new CallId("call_1"), TestWorld.T0.plusSeconds(5));
        Notification unreadOld = withCreatedAt(notification(org, user, new CallId("call_2"), null), 1);
        Notification unreadNew = withCreatedAt(notification(org, user, new CallId("call_3"), null), 2);
        tx((Stores s) -> {
            s.notifications().addIfAbsent(readOld);
            s.notifications().addIfAbsent(unreadOld);
            s.notifications().addIfAbsent(unreadNew);
            return null;
        });

        assertThat(tx((Stores s) -> s.notifications().findForOrganization(org.id(), 0, 10)))
                .extracting(Notification::callId)
                .containsExactly(unreadNew.callId(), unreadOld.callId(), readOld.callId());
    }

    @Test
    void campaignReadsBackWithPolicyWindowAndCounters() {
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        CallingWindow window = new CallingWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                LocalTime.of(17, 30), ZoneId.of("Europe/Berlin"));
        RetryPolicy policy = new RetryPolicy(EnumSet.of(Outcome.NO_ANSWER, Outcome.VOICEMAIL), 5, Duration.ofMinutes(90));
        Campaign campaign = world.campaign(org, agent, CampaignStatus.DRAFT, policy, window);

        tx((Stores s) -> {
            s.campaigns().addProgress(campaign.id(), new CampaignProgress(2, 1, Map.of(Outcome.NO_ANSWER, 1L,
                    Outcome.CONNECTED, 1L)));
            s.campaigns().addProgress(campaign.id(), new CampaignProgress(-1, 0, Map.of(Outcome.NO_ANSWER, -1L)));
            return null;
        });

        Campaign loaded = tx((Stores s) -> s.campaigns().find(campaign.id())).orElseThrow();
        assertThat(loaded.retryPolicy()).isEqualTo(policy);
        assertThat(loaded.callingWindow()).isEqualTo(window);
        assertThat(loaded.progress()).isEqualTo(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
        assertThat(tx((Stores s) -> s.campaigns().findByOrganization(org.id(), 0, 10))).extracting(Campaign::id)
                .containsExactly(campaign.id());
    }

    @Test
    void statusChangeOnlyHappensFromTheExpectedStatus() {
        Organization org = world.organization("Acme");
        Campaign campaign = world.processingCampaign(org, world.agent(org, "agent_a"));
        Instant done = TestWorld.T0.plusSeconds(60);

        boolean stale = tx((Stores s) -> s.campaigns().changeStatus(campaign.id(), CampaignStatus.PAUSED,
                CampaignStatus.COMPLETED, done));
        boolean moved = tx((Stores s) -> s.campaigns().changeStatus(campaign.id(), CampaignStatus.PROCESSING,
                CampaignStatus.COMPLETED, done));

        assertThat(stale).isFalse();
        assertThat(moved).isTrue();
        Campaign loaded = tx((Stores s) -> s.campaigns().lock(campaign.id())).orElseThrow();
        assertThat(loaded.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(loaded.completedAt()).isEqualTo(done);
    }

    @Test
    void campaignsOfAnAgentAreFoundByStatusOldestFirst() {
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        Campaign processing = world.processingCampaign(org, agent);
        world.campaign(org, agent, CampaignStatus.PAUSED, RetryPolicy.defaults(), null);

        assertThat(tx((Stores s) -> s.campaigns().findByAgentAndStatus(agent.id(), CampaignStatus.PROCESSING)))
                .extracting(Campaign::id).containsExactly(processing.id());
    }

    @Test
    void aNumberIsAddedToACampaignOnlyOnce() {
        Organization org = world.organization("Acme");
        Campaign campaign = world.processingCampaign(org, world.agent(org, "agent_a"));

        List<Contact> first = world.contacts(campaign, "+14155550101", "+14155550102", "+14155550101");
        List<Contact> again = world.contacts(campaign, "+14155550102");

        assertThat(first).extracting(c -> c.phoneNumber().value()).containsExactly("+14155550101", "+14155550102");
        assertThat(again).isEmpty();
        assertThat(tx((Stores s) -> s.contacts().findByCampaign(campaign.id(), 0, 10))).hasSize(2);
        assertThat(tx((Stores s) -> s.contacts().countOpen(campaign.id()))).isEqualTo(2);
    }

    @Test
    void contactStateAndAttemptsReadBack() {
        Organization org = world.organization("Acme");
        Campaign campaign = world.processingCampaign(org, world.agent(org, "agent_a"));
        Contact contact = world.contact(campaign, "+14155550101");
        Instant next = TestWorld.T0.plus(Duration.ofHours(2));
        Contact retry = new Contact(contact.id(), contact.campaignId(), contact.phoneNumber(), contact.name(),
                contact.variables(), ContactStatus.RETRY_SCHEDULED, 1, Outcome.NO_ANSWER, next, null, contact.createdAt());
        ContactAttempt attempt = new ContactAttempt(contact.id(), 1, new CallId("call_1"), Outcome.NO_ANSWER,
                TestWorld.T0.plusSeconds(30));

        tx((Stores s) -> {
            s.contacts().update(retry);
            s.contacts().saveAttempt(new ContactAttempt(contact.id(), 1, new CallId("call_1"), null, null));
            s.contacts().saveAttempt(attempt);
            return null;
        });

        assertThat(tx((Stores s) -> s.contacts().lock(contact.id()))).contains(retry);
        assertThat(tx((Stores s) -> s.contacts().findByNumber(campaign.id(), new PhoneNumberE164("+14155550101"))))
                .contains(retry);
        assertThat(tx((Stores s) -> s.contacts().attempts(contact.id()))).containsExactly(attempt);
        assertThat(tx((Stores s) -> s.contacts().attemptForCall(contact.id(), new CallId("call_1")))).contains(attempt);
        assertThat(tx((Stores s) -> s.contacts().countOpen(campaign.id()))).isEqualTo(1);
    }

    @Test
    void directoryFindsAgentsNumbersAndUsers() {
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_retell_1");
        var number = world.phoneNumber(org, "+14155550100", agent);
        User user = world.user(org, "ops@acme.test");
        Organization other = world.organization("Other");
        world.user(other, "ops@other.test");

        assertThat(tx((Stores s) -> s.directory().organization(org.id()))).contains(org);
        assertThat(tx((Stores s) -> s.directory().agentByRetellId("agent_retell_1"))).contains(agent);
        assertThat(tx((Stores s) -> s.directory().agent(agent.id()))).contains(agent);
        assertThat(tx((Stores s) -> s.directory().phoneNumber(new PhoneNumberE164("+14155550100")))).contains(number);
        assertThat(tx((Stores s) -> s.directory().users(org.id()))).containsExactly(user);
    }

    @Test
    void aRetellAgentBelongsToOneAgentOnly() {
        Organization org = world.organization("Acme");
        world.agent(org, "agent_retell_1");

        assertThatThrownBy(() -> world.agent(org, "agent_retell_1")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void activityIsFilteredByOrganizationAndTime() {
        Organization org = world.organization("Acme");
        Organization other = world.organization("Other");
        ActivityEntry early = activity(org, "early");
        ActivityEntry late = new ActivityEntry(UUID.randomUUID(), org.id(), "call", "late", "created", "call_started",
                "call_late", null, "ongoing", TestWorld.T0.plusSeconds(100));
        tx((Stores s) -> {
            s.activity().append(List.of(early, late, activity(other, "elsewhere")));
            return null;
        });

        assertThat(tx((Stores s) -> s.activity().find(org.id(), null, 0, 10))).containsExactly(early, late);
        assertThat(tx((Stores s) -> s.activity().find(org.id(), TestWorld.T0.plusSeconds(50), 0, 10))).containsExactly(late);
        assertThat(tx((Stores s) -> s.activity().find(org.id(), null, 1, 10))).containsExactly(late);
    }

    private static InboxEntry inboxEntry(String key) {
        return new InboxEntry(key, "call_ended", "call_x", "{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8),
                TestWorld.T0, InboxStatus.RECEIVED, null, 1);
    }

    private static ActivityEntry activity(Organization org, String entityId) {
        return new ActivityEntry(UUID.randomUUID(), org.id(), "call", entityId, "created", "call_started", "call_" + entityId,
                null, "ongoing", TestWorld.T0);
    }

    private static Notification notification(Organization org, User user, CallId callId, Instant readAt) {
        return new Notification(NotificationId.random(), org.id(), user.id(), callId, "+13105550123", "+14155550100",
                TestWorld.T0, readAt);
    }

    private static Notification withCreatedAt(Notification n, long seconds) {
        return new Notification(n.id(), n.organizationId(), n.userId(), n.callId(), n.fromNumber(), n.toNumber(),
                TestWorld.T0.plusSeconds(seconds), n.readAt());
    }
}
