package io.callhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.AdministrationUseCase.ContactsAdded;
import io.callhook.core.port.in.AdministrationUseCase.NewCallingWindow;
import io.callhook.core.port.in.AdministrationUseCase.NewCampaign;
import io.callhook.core.port.in.AdministrationUseCase.NewContact;
import io.callhook.core.port.in.CommandResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.call.CallId;
import io.callhook.core.activity.ActivityEntry;
import org.junit.jupiter.api.Test;

class AdministrationServiceTest {

    private final InMemoryStore store = new InMemoryStore();
    private final AdministrationService admin = new AdministrationService(store,
            Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC));
    private Organization org;
    private Agent agent;

    @BeforeEach
    void arrange() {
        org = done(admin.createOrganization("Acme"));
        agent = done(admin.createAgent(org.id(), "agent_retell_1", "Recall bot"));
    }

    private static <T> T done(CommandResult<T> result) {
        assertThat(result).isInstanceOf(CommandResult.Done.class);
        return ((CommandResult.Done<T>) result).value();
    }

    private NewCampaign campaign(NewCallingWindow window) {
        return new NewCampaign(org.id(), agent.id().toString(), "September recall", List.of("no_answer", "voicemail"), 4,
                600L, window);
    }

    @Test
    void campaignIsCreatedAsDraftWithItsPolicyAndWindow() {
        Campaign campaign = done(admin.createCampaign(campaign(
                new NewCallingWindow(List.of("mon", "Friday"), "09:00", "17:30", "Europe/Berlin"))));

        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.retryPolicy().retryOn()).containsExactlyInAnyOrder(Outcome.NO_ANSWER, Outcome.VOICEMAIL);
        assertThat(campaign.retryPolicy().maxAttempts()).isEqualTo(4);
        assertThat(campaign.retryPolicy().delay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(campaign.callingWindow().zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(campaign.callingWindow().days()).isEqualTo(EnumSet.of(java.time.DayOfWeek.MONDAY,
                java.time.DayOfWeek.FRIDAY));
    }

    @Test
    void invalidTimeZoneIsRejectedWhenTheCampaignIsCreated() {
        CommandResult<Campaign> result = admin.createCampaign(campaign(
                new NewCallingWindow(List.of("monday"), "09:00", "17:00", "Mars/Olympus_Mons")));

        assertThat(result).isEqualTo(new CommandResult.Invalid<>("calling_window.zone",
                "must be an IANA time zone, e.g. America/New_York"));
    }

    @Test
    void neverRetriedOutcomesCannotBeConfiguredForRetry() {
        NewCampaign declinedRetried = new NewCampaign(org.id(), agent.id().toString(), "x", List.of("busy", "declined"),
                null, null, null);

        assertThat(admin.createCampaign(declinedRetried)).isInstanceOf(CommandResult.Invalid.class)
                .extracting(r -> ((CommandResult.Invalid<?>) r).field()).isEqualTo("retry_on[1]");
    }

    @Test
    void agentOfAnotherOrganizationIsNotFound() {
        Organization other = done(admin.createOrganization("Other"));

        CommandResult<Campaign> result = admin.createCampaign(new NewCampaign(other.id(), agent.id().toString(), "x",
                null, null, null, null));

        assertThat(result).isEqualTo(new CommandResult.NotFound<>("agent " + agent.id()));
    }

    @Test
    void contactsAreNormalisedAndDuplicatesSkipped() {
        Campaign campaign = done(admin.createCampaign(campaign(null)));

        ContactsAdded added = done(admin.addContacts(campaign.id(), List.of(
                new NewContact("+1 (212) 555-0198", "Pat", Map.of("first_name", "Pat")),
                new NewContact("0012125550198", "Pat again", Map.of()),
                new NewContact("+16465550177", null, null))));

        assertThat(added.added()).extracting(c -> c.phoneNumber().value()).containsExactly("+12125550198", "+16465550177");
        assertThat(added.skipped()).isEqualTo(1);
    }

    @Test
    void invalidContactNumberNamesItsPosition() {
        Campaign campaign = done(admin.createCampaign(campaign(null)));

        CommandResult<ContactsAdded> result = admin.addContacts(campaign.id(), List.of(
                new NewContact("+12125550198", null, null), new NewContact("call me maybe", null, null)));

        assertThat(result).isEqualTo(new CommandResult.Invalid<>("contacts[1].phone_number",
                "must be a phone number in E.164 form, e.g. +14155550100"));
        assertThat(store.inTransaction((io.callhook.core.port.out.Stores s) -> s.contacts().countOpen(campaign.id()))).isZero();
    }

    @Test
    void illegalStatusChangeIsAConflictWithTheReason() {
        Campaign campaign = done(admin.createCampaign(campaign(null)));

        assertThat(admin.changeCampaignStatus(campaign.id(), CampaignStatus.PAUSED))
                .isEqualTo(new CommandResult.Conflict<>("a draft campaign cannot become paused; allowed: [processing, cancelled]"));
        assertThat(done(admin.changeCampaignStatus(campaign.id(), CampaignStatus.PROCESSING)).status())
                .isEqualTo(CampaignStatus.PROCESSING);
    }

    @Test
    void duplicateRetellAgentIsAConflict() {
        assertThat(admin.createAgent(org.id(), "agent_retell_1", "again"))
                .isEqualTo(new CommandResult.Conflict<>("Retell agent agent_retell_1 is already registered"));
    }

    @Test
    void unknownOrganizationIsNotFound() {
        OrganizationId nobody = OrganizationId.random();

        assertThat(admin.createUser(nobody, "a@b.test", null))
                .isEqualTo(new CommandResult.NotFound<>("organization " + nobody));
    }

    @Test
    void badInputsNameTheirField() {
        assertThat(admin.createOrganization(" ")).isEqualTo(new CommandResult.Invalid<>("name",
                "must be 1 to 200 characters"));
        assertThat(admin.createUser(org.id(), "not-an-address", null)).isEqualTo(new CommandResult.Invalid<>("email",
                "must be an e-mail address"));
        assertThat(admin.createPhoneNumber(org.id(), "12", null)).isEqualTo(new CommandResult.Invalid<>("number",
                "must be a phone number in E.164 form, e.g. +14155550100"));
    }

    @Test
    void markingANotificationReadAnswersItReadAndLogsTheFirstReadingOnly() {
        User user = done(admin.createUser(org.id(), "frontdesk@acme.test", "Front desk"));
        Notification unread = new Notification(NotificationId.random(), org.id(), user.id(), new CallId("call_in"),
                "+13105550123", "+14155550100", Instant.parse("2026-08-31T23:00:00Z"), null);
        store.inTransaction(s -> s.notifications().addIfAbsent(unread));

        Notification read = done(admin.markNotificationRead(org.id(), unread.id().toString()));
        Notification again = done(admin.markNotificationRead(org.id(), unread.id().toString()));

        assertThat(read.readAt()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
        assertThat(again).isEqualTo(read);
        List<ActivityEntry> activity = store.inTransaction(s -> s.activity().find(org.id(), null, 0, 100));
        assertThat(activity)
                .filteredOn(e -> e.entityType().equals("notification"))
                .extracting(e -> e.action() + " " + e.before() + "->" + e.after())
                .containsExactly("read false->true");
    }

    @Test
    void markingAnUnknownOrMalformedNotificationIsRefused() {
        assertThat(admin.markNotificationRead(org.id(), NotificationId.random().toString()))
                .isInstanceOf(CommandResult.NotFound.class);
        assertThat(admin.markNotificationRead(org.id(), "not-a-uuid"))
                .isEqualTo(new CommandResult.Invalid<>("notification_id", "must be a notification id (UUID)"));
    }
}
