package io.callhook.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallState;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.InboundAnswer;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.service.IngestionService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole-lifecycle scenarios of the ingestion use case on the recorded Retell payloads, one per flow. Runs against the
 * in-memory store and PostgreSQL: extend it and return a fresh store from {@link #newStore()}.
 */
public abstract class IngestionContract {

    /** Retell ids used by the fixtures. */
    protected static final String OUTBOUND_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    protected static final String INBOUND_VIP_AGENT = "agent_6e8a0c2e4b6d8f0a2c4e6b8d0f";
    protected static final String DEFAULT_INBOUND_AGENT = "agent_2d4f6a8c0e1b3d5f7a9c1e3b5d";
    protected static final String OUR_NUMBER = "+14155550100";
    protected static final String BOOKED_CONTACT = "+12125550198";
    protected static final String NO_ANSWER_CONTACT = "+16465550177";
    protected static final String VOICEMAIL_CONTACT = "+17185550133";
    protected static final CallId BOOKED_CALL = new CallId("call_4e1b9c07d2a85f36e1c04b7a9d2");
    protected static final CallId NO_ANSWER_CALL = new CallId("call_5f3a1d9b7e2c4a6f8d0b2e4c6a8");
    protected static final CallId INBOUND_CALL = new CallId("call_9a7d5e3c1b0f2e4d6c8a0b1e3f5");
    protected static final CallId TRANSFER_CALL = new CallId("call_7b9d1f3a5c7e9b1d3f5a7c9e1b3");
    protected static final CallId WEB_CALL = new CallId("call_1a3c5e7f9b1d3f5a7c9e1b3d5f7");
    protected static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");

    protected UnitOfWork store;
    protected TestWorld world;
    protected IngestionService ingestion;
    protected Organization acme;
    protected Agent outboundAgent;
    protected Campaign campaign;

    protected abstract UnitOfWork newStore();

    @BeforeEach
    void arrange() {
        store = newStore();
        world = TestWorld.in(store);
        ingestion = new IngestionService(store, Clock.fixed(NOW, ZoneOffset.UTC));
        acme = world.organization("Acme");
        outboundAgent = world.agent(acme, OUTBOUND_AGENT);
        campaign = world.processingCampaign(acme, outboundAgent);
    }

    protected IngestOutcome deliver(String fixture) {
        return ingestion.ingest(new Delivery(RetellPayloads.fixture(fixture), NOW));
    }

    protected <T> T read(Function<Stores, T> query) {
        return store.inTransaction(query);
    }

    protected Call call(CallId id) {
        return read((Stores s) -> s.calls().find(id)).orElseThrow();
    }

    protected Contact contact(Contact c) {
        return read((Stores s) -> s.contacts().find(c.id())).orElseThrow();
    }

    protected Campaign campaign() {
        return read((Stores s) -> s.campaigns().find(campaign.id())).orElseThrow();
    }

    protected List<ActivityEntry> activity() {
        return read((Stores s) -> s.activity().find(null, null, 0, 10_000));
    }

    @Test
    void bookedOutboundCallCompletesItsContactAndCountsOnce() {
        Contact booked = world.contact(campaign, BOOKED_CONTACT);
        world.contact(campaign, NO_ANSWER_CONTACT);

        deliver("01-outbound-call_started.json");
        assertThat(contact(booked).status()).isEqualTo(ContactStatus.CALLING);
        deliver("04-outbound-transcript_updated.json");
        deliver("02-outbound-call_ended.json");
        IngestOutcome analysed = deliver("03-outbound-call_analyzed.json");

        Call call = call(BOOKED_CALL);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.outcome()).isEqualTo(Outcome.CONNECTED);
        assertThat(call.links().campaignId()).isEqualTo(campaign.id());
        assertThat(call.links().contactId()).isEqualTo(booked.id());
        assertThat(call.details().costCents()).isEqualByComparingTo(new BigDecimal("43.945"));
        assertThat(call.details().durationMs()).isEqualTo(187_432L);
        assertThat(call.details().successful()).isTrue();
        assertThat(contact(booked).status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(contact(booked).attempts()).isEqualTo(1);
        assertThat(campaign().progress()).isEqualTo(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
        assertThat(campaign().status()).isEqualTo(CampaignStatus.PROCESSING);
        assertThat(analysed).isInstanceOf(IngestOutcome.Applied.class);
        assertThat(((IngestOutcome.Applied) analysed).changes()).extracting(IngestOutcome.Change::action)
                .containsExactly("progress_changed");
    }

    @Test
    void neverConnectedCallSchedulesARetryWithoutCallStarted() {
        Contact unanswered = world.contact(campaign, NO_ANSWER_CONTACT);

        deliver("20-noanswer-call_ended.json");
        deliver("21-noanswer-call_analyzed.json");

        Call call = call(NO_ANSWER_CALL);
        assertThat(call.state()).isEqualTo(CallState.NOT_CONNECTED);
        assertThat(call.outcome()).isEqualTo(Outcome.NO_ANSWER);
        Contact after = contact(unanswered);
        assertThat(after.status()).isEqualTo(ContactStatus.RETRY_SCHEDULED);
        assertThat(after.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(after.lastOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(campaign().progress()).isEqualTo(new CampaignProgress(1, 0, Map.of(Outcome.NO_ANSWER, 1L)));
    }

    @Test
    void voicemailIsNotRetriedByDefaultAndCompletesTheCampaign() {
        Contact voicemail = world.contact(campaign, VOICEMAIL_CONTACT);

        deliver("30-voicemail-call_started.json");
        deliver("31-voicemail-call_ended.json");
        deliver("32-voicemail-call_analyzed.json");

        assertThat(contact(voicemail).status()).isEqualTo(ContactStatus.FAILED);
        assertThat(contact(voicemail).failureReason()).isEqualTo("not retried: voicemail");
        assertThat(campaign().progress()).isEqualTo(new CampaignProgress(1, 0, Map.of(Outcome.VOICEMAIL, 1L)));
        assertThat(campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(campaign().completedAt()).isEqualTo(NOW);
    }

    @Test
    void duplicateCallEndedCountsOnceAndAddsNoActivity() {
        world.contact(campaign, BOOKED_CONTACT);
        world.contact(campaign, NO_ANSWER_CONTACT);
        deliver("02-outbound-call_ended.json");
        int entries = activity().size();

        IngestOutcome again = deliver("02-outbound-call_ended.json");

        assertThat(again).isEqualTo(new IngestOutcome.Duplicate("call_ended", BOOKED_CALL.value(), null));
        assertThat(activity()).hasSize(entries);
        assertThat(campaign().progress()).isEqualTo(new CampaignProgress(1, 0, Map.of(Outcome.CONNECTED, 1L)));
        InboxEntry inbox = read((Stores s) -> s.inbox().find("call:" + BOOKED_CALL.value() + ":call_ended")).orElseThrow();
        assertThat(inbox.attempts()).isEqualTo(2);
        assertThat(inbox.status()).isEqualTo(InboxStatus.APPLIED);
    }

    @Test
    void callStartedAfterCallEndedDoesNotMoveTheCallBack() {
        Contact booked = world.contact(campaign, BOOKED_CONTACT);

        deliver("03-outbound-call_analyzed.json");
        deliver("02-outbound-call_ended.json");
        deliver("01-outbound-call_started.json");

        assertThat(call(BOOKED_CALL).state()).isEqualTo(CallState.ENDED);
        assertThat(call(BOOKED_CALL).details().successful()).isTrue();
        assertThat(contact(booked).status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(campaign().progress()).isEqualTo(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
    }

    @Test
    void inboundWebhookIsAnsweredWithTheNumbersAgentAndUsersAreNotifiedOnce() {
        Agent vip = world.agent(acme, INBOUND_VIP_AGENT);
        PhoneNumber number = world.phoneNumber(acme, OUR_NUMBER, vip);
        User ann = world.user(acme, "ann@acme.test");
        User bob = world.user(acme, "bob@acme.test");

        IngestOutcome answered = deliver("10-inbound-call_inbound.request.json");
        deliver("12-inbound-call_started.json");
        deliver("13-inbound-call_ended.json");
        deliver("14-inbound-call_analyzed.json");
        IngestOutcome retried = deliver("10-inbound-call_inbound.request.json");

        InboundAnswer expected = new InboundAnswer(INBOUND_VIP_AGENT,
                Map.of("organization_id", acme.id().toString(), "organization_name", "Acme"),
                Map.of("callhook_organization_id", acme.id().toString(),
                        "callhook_phone_number_id", number.id().toString()));
        assertThat(answered.inboundAnswer()).contains(expected);
        assertThat(retried).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(retried.inboundAnswer()).contains(expected);
        List<Notification> notifications = read((Stores s) -> s.notifications().findForOrganization(acme.id(), 0, 10));
        assertThat(notifications).extracting(Notification::userId).containsExactlyInAnyOrder(ann.id(), bob.id());
        assertThat(notifications).extracting(Notification::callId).containsOnly(INBOUND_CALL);
        Call call = call(INBOUND_CALL);
        assertThat(call.links().organizationId()).isEqualTo(acme.id());
        assertThat(call.links().agentId()).isEqualTo(vip.id());
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.details().successful()).isTrue();
    }

    @Test
    void inboundWebhookAnsweredWithoutADecisionIsRecordedWithTheEmptyAnswerAndStillNotifiesUsers() {
        Agent vip = world.agent(acme, INBOUND_VIP_AGENT);
        Agent retellsOwn = world.agent(acme, DEFAULT_INBOUND_AGENT);
        world.phoneNumber(acme, OUR_NUMBER, vip);
        User ann = world.user(acme, "ann@acme.test");
        byte[] body = RetellPayloads.fixture("10-inbound-call_inbound.request.json");

        // kept aside during a database outage and answered {}: Retell's own set-up picked the agent
        IngestOutcome spooled = ingestion.accept(new Delivery(body, NOW, true));
        IngestOutcome retried = ingestion.accept(new Delivery(body, NOW));
        ingestion.applyDue(10);

        assertThat(spooled).isInstanceOf(IngestOutcome.Accepted.class);
        assertThat(spooled.inboundAnswer()).contains(InboundAnswer.EMPTY);
        assertThat(retried).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(retried.inboundAnswer()).as("what Retell was told").contains(InboundAnswer.EMPTY);
        List<Notification> notifications = read((Stores s) -> s.notifications().findForOrganization(acme.id(), 0, 10));
        assertThat(notifications).extracting(Notification::userId).containsExactly(ann.id());
        Call call = call(INBOUND_CALL);
        assertThat(call.links().organizationId()).isEqualTo(acme.id());
        assertThat(call.links().agentId()).as("the agent Retell named, not one callhook never gave")
                .isEqualTo(retellsOwn.id());
    }

    @Test
    void inboundCallWithoutTheWebhookStillNotifiesEachUserOnce() {
        world.phoneNumber(acme, OUR_NUMBER, null);
        world.user(acme, "ann@acme.test");
        world.user(acme, "bob@acme.test");

        deliver("14-inbound-call_analyzed.json");
        deliver("12-inbound-call_started.json");
        deliver("13-inbound-call_ended.json");
        deliver("12-inbound-call_started.json");

        assertThat(read((Stores s) -> s.notifications().findForOrganization(acme.id(), 0, 10))).hasSize(2);
        assertThat(call(INBOUND_CALL).links().organizationId()).isEqualTo(acme.id());
    }

    @Test
    void inboundCallToAnUnknownNumberGetsRetellsDefaultsAndAWarning() {
        IngestOutcome answered = deliver("10-inbound-call_inbound.request.json");

        assertThat(answered.inboundAnswer()).contains(InboundAnswer.EMPTY);
        assertThat(activity()).extracting(ActivityEntry::action).contains("unknown_number");
        assertThat(call(INBOUND_CALL).links().organizationId()).isNull();
    }

    @Test
    void transferKeepsTheHumanLegsEndAndCostWhateverTheOrder() {
        world.agent(acme, DEFAULT_INBOUND_AGENT);
        world.phoneNumber(acme, OUR_NUMBER, null);

        for (String fixture : List.of("45-transfer-transfer_ended.json", "40-transfer-call_started.json",
                "44-transfer-call_analyzed.json", "41-transfer-transfer_started.json", "43-transfer-call_ended.json",
                "42-transfer-transfer_bridged.json")) {
            deliver(fixture);
        }

        Call call = call(TRANSFER_CALL);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.outcome()).isEqualTo(Outcome.CONNECTED);
        assertThat(call.details().costCents()).isEqualByComparingTo(new BigDecimal("16.9946"));
        assertThat(call.details().transferEndedAt()).isNotNull();
        assertThat(call.details().transferDestination()).isNotNull();
    }

    @Test
    void webCallIsRecordedForItsAgentsOrganization() {
        world.agent(acme, DEFAULT_INBOUND_AGENT);

        IngestOutcome outcome = deliver("60-webcall-call_ended.json");

        assertThat(outcome).isInstanceOf(IngestOutcome.Applied.class);
        Call call = call(WEB_CALL);
        assertThat(call.links().organizationId()).isEqualTo(acme.id());
        assertThat(call.links().campaignId()).isNull();
        assertThat(call.details().direction()).isNull();
        assertThat(call.outcome()).isEqualTo(Outcome.CONNECTED);
    }

    @Test
    void chatEventsAreRecordedButIgnored() {
        for (String fixture : List.of("70-chat-chat_started.json", "71-chat-chat_ended.json",
                "72-chat-chat_analyzed.json", "75-sms-chat_inbound.request.json")) {
            IngestOutcome outcome = deliver(fixture);
            assertThat(outcome).isInstanceOf(IngestOutcome.Ignored.class);
        }

        assertThat(read((Stores s) -> s.inbox().findByStatus(InboxStatus.IGNORED, 10))).hasSize(4);
    }

    @Test
    void malformedBodyIsKeptAsRejectedWithTheReason() {
        byte[] body = "{\"event\":\"call_ended\",\"call\":{}}".getBytes(StandardCharsets.UTF_8);

        IngestOutcome outcome = ingestion.ingest(new Delivery(body, NOW));

        assertThat(outcome).isInstanceOf(IngestOutcome.Rejected.class);
        assertThat(((IngestOutcome.Rejected) outcome).reason()).startsWith("call.call_id: ");
        List<InboxEntry> rejected = read((Stores s) -> s.inbox().findByStatus(InboxStatus.REJECTED, 10));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).body()).isEqualTo(body);
        assertThat(rejected.get(0).detail()).isEqualTo(((IngestOutcome.Rejected) outcome).reason());
    }

    @Test
    void unrecognisedEventIsKeptAndIgnored() {
        byte[] body = "{\"event\":\"call_teleported\",\"call\":{\"call_id\":\"call_x\"}}".getBytes(StandardCharsets.UTF_8);

        IngestOutcome outcome = ingestion.ingest(new Delivery(body, NOW));

        assertThat(outcome).isEqualTo(new IngestOutcome.Ignored("call_teleported", null,
                "unrecognised event 'call_teleported'"));
    }

    @Test
    void anotherOrganizationsEventsTouchNothingOfOurs() {
        Contact ours = world.contact(campaign, BOOKED_CONTACT);
        Organization other = world.organization("Other");
        world.agent(other, DEFAULT_INBOUND_AGENT);
        world.phoneNumber(other, OUR_NUMBER, null);
        world.user(acme, "ann@acme.test");

        deliver("12-inbound-call_started.json");
        deliver("43-transfer-call_ended.json");

        assertThat(read((Stores s) -> s.notifications().findForOrganization(acme.id(), 0, 10))).isEmpty();
        assertThat(read((Stores s) -> s.activity().find(acme.id(), null, 0, 100))).isEmpty();
        assertThat(contact(ours).status()).isEqualTo(ContactStatus.PENDING);
        assertThat(campaign().progress()).isEqualTo(CampaignProgress.ZERO);
        assertThat(call(TRANSFER_CALL).links().organizationId()).isEqualTo(other.id());
    }

    @Test
    void batchIsAppliedAsOneUnitWithInBatchDuplicates() {
        Contact booked = world.contact(campaign, BOOKED_CONTACT);
        byte[] ended = RetellPayloads.fixture("02-outbound-call_ended.json");

        List<IngestOutcome> outcomes = ingestion.ingestBatch(List.of(new Delivery(ended, NOW), new Delivery(ended, NOW),
                new Delivery(RetellPayloads.fixture("03-outbound-call_analyzed.json"), NOW)));

        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Applied", "Duplicate", "Applied");
        assertThat(contact(booked).status()).isEqualTo(ContactStatus.COMPLETED);
    }

    @Test
    void reprocessingAnAppliedEntryChangesNothing() {
        world.contact(campaign, BOOKED_CONTACT);
        deliver("02-outbound-call_ended.json");
        int entries = activity().size();

        IngestOutcome outcome = ingestion.reprocess("call:" + BOOKED_CALL.value() + ":call_ended");

        assertThat(outcome).isEqualTo(new IngestOutcome.Duplicate("call_ended", BOOKED_CALL.value(), null));
        assertThat(activity()).hasSize(entries);
        assertThat(campaign().progress().processed()).isEqualTo(1);
    }

    @Test
    void reprocessingAStillMalformedEntryKeepsItRejected() {
        byte[] body = "{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8);
        ingestion.ingest(new Delivery(body, NOW));
        InboxEntry rejected = read((Stores s) -> s.inbox().findByStatus(InboxStatus.REJECTED, 10)).get(0);

        IngestOutcome outcome = ingestion.reprocess(rejected.dedupeKey());

        assertThat(outcome).isEqualTo(new IngestOutcome.Rejected("unknown", rejected.detail()));
        assertThat(read((Stores s) -> s.inbox().find(rejected.dedupeKey())).orElseThrow().status())
                .isEqualTo(InboxStatus.REJECTED);
    }

    @Test
    void reprocessingAnUnknownKeyIsRejected() {
        assertThat(ingestion.reprocess("call:nobody:call_ended"))
                .isEqualTo(new IngestOutcome.Rejected("unknown", "no inbox entry with key call:nobody:call_ended"));
    }
}
