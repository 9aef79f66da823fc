package io.callhook.db.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.Contact;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.port.in.ApplyInboxUseCase.ApplyReport;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.service.IngestionService;
import io.callhook.db.testing.StatementCounter;
import io.callhook.db.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins how many round trips the appliers spend on one claimed batch of campaign-linked events, counted at the JDBC
 * boundary like {@link WebhookRoundTripsTest}: the count is what a batch costs under the server's transaction, so a
 * change that makes it grow with the batch size again fails here instead of in a benchmark.
 */
class BatchApplyRoundTripsTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");
    private static final String OUTBOUND_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    private static final int CAMPAIGNS = 5;
    private static final long START_MS = 1_790_006_400_000L;

    private StatementCounter counter;
    private IngestionService ingestion;
    private TestWorld world;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        counter = StatementCounter.over(DB.dataSource());
        PostgresUnitOfWork store = new PostgresUnitOfWork(counter.jdbi());
        world = TestWorld.in(store);
        ingestion = new IngestionService(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * Before write-behind a batch cost 4 + 12 per event (124 for 10, 604 for 50). Now: the claim and its commit; the
     * inbox hold; the calls' locks and their read; the linked contacts' locks, their attempts and the campaigns' locks,
     * one statement each; one open-contacts count per campaign; then the held-back writes — calls, contacts, attempts,
     * counters, inbox outcomes, activity — one statement each, and the commit.
     */
    private static final List<String> BATCH_ROUND_TRIPS = List.of(
            "WITH due AS MATERIALIZED ( SELECT id FROM webhook_events WHE",
            StatementCounter.COMMIT,
            "SELECT dedupe_key FROM webhook_events WHERE dedupe_key = ANY",
            "SELECT t.call_id, pg_advisory_xact_lock(hashtextextended(t.c",
            "SELECT * FROM calls WHERE call_id = ANY(CAST(? AS text[]))",
            "SELECT * FROM campaign_contacts WHERE id = ANY(CAST(? AS uui",
            "SELECT * FROM campaign_contact_attempts WHERE contact_id = A",
            "SELECT * FROM call_campaigns WHERE id = ANY(CAST(? AS uuid[]",
            "SELECT count(*) FROM campaign_contacts WHERE campaign_id = ?",
            "SELECT count(*) FROM campaign_contacts WHERE campaign_id = ?",
            "SELECT count(*) FROM campaign_contacts WHERE campaign_id = ?",
            "SELECT count(*) FROM campaign_contacts WHERE campaign_id = ?",
            "SELECT count(*) FROM campaign_contacts WHERE campaign_id = ?",
            "INSERT INTO calls ( call_id, organization_id, agent_id, camp",
            "UPDATE campaign_contacts c SET status = u.status, attempts =",
            "INSERT INTO campaign_contact_attempts (contact_id, attempt_n",
            "UPDATE call_campaigns c SET processed = c.processed + d.proc",
            "UPDATE webhook_events w SET status = c.status, detail = c.de",
            "INSERT INTO activity_logs (id, organization_id, entity_type,",
            StatementCounter.COMMIT);

    @Test
    void aBatchOfTenCampaignLinkedCallEndedEventsAcrossFiveCampaignsCostsTwentyRoundTrips() {
        List<String> trips = roundTripsToApplyCallEndedBatch(10, 1);

        assertThat(trips).hasSize(20).containsExactlyElementsOf(BATCH_ROUND_TRIPS);
        assertThat(campaignStatuses()).containsOnly("processing").hasSize(CAMPAIGNS);
    }

    @Test
    void aBatchOfFiftyCampaignLinkedCallEndedEventsAcrossFiveCampaignsCostsTheSameTwentyRoundTrips() {
        List<String> trips = roundTripsToApplyCallEndedBatch(50, 1);

        assertThat(trips).hasSize(20).containsExactlyElementsOf(BATCH_ROUND_TRIPS);
        assertThat(campaignStatuses()).containsOnly("processing").hasSize(CAMPAIGNS);
    }

    @Test
    void aBatchThatClosesEveryContactCompletesEachCampaignOnceWithOneStatusChangePerCampaign() {
        List<String> trips = roundTripsToApplyCallEndedBatch(50, 0);

        // the same batch, plus one status change per campaign, each made by the event that closed its last contact
        assertThat(trips).hasSize(25)
                .filteredOn(trip -> trip.startsWith("UPDATE call_campaigns SET status"))
                .hasSize(CAMPAIGNS);
        assertThat(campaignStatuses()).containsOnly("completed").hasSize(CAMPAIGNS);
        assertThat(completedActivities()).isEqualTo(CAMPAIGNS);
    }

    @Test
    void aReplayedBatchClaimsAllItsDeliveriesWithOneStatementWhateverItsSize() {
        List<String> ten = roundTripsToReplayCallEndedBatch(10);
        DB.truncateAll();
        List<String> fifty = roundTripsToReplayCallEndedBatch(50);

        // was one INSERT per delivery, duplicates included; now one for the batch, then the same set-based apply
        assertThat(fifty).isEqualTo(ten).hasSize(18)
                .filteredOn(trip -> trip.startsWith("INSERT INTO webhook_events")).hasSize(1);
    }

    /**
     * Starts {@code size} campaign-linked calls (not counted), then replays their {@code call_ended} events twice over
     * in one {@code ingestBatch} and returns its round trips: each event applied once, its copy a duplicate.
     */
    private List<String> roundTripsToReplayCallEndedBatch(int size) {
        List<Delivery> ended = startCampaignCalls(size, 1);
        List<Delivery> twice = new ArrayList<>(ended);
        twice.addAll(ended);
        counter.reset();

        List<IngestOutcome> outcomes = ingestion.ingestBatch(twice);

        assertThat(outcomes.subList(0, size)).allMatch(IngestOutcome.Applied.class::isInstance);
        assertThat(outcomes.subList(size, 2 * size)).allMatch(IngestOutcome.Duplicate.class::isInstance);
        assertThat(processedPerCampaign()).containsOnly((long) size / CAMPAIGNS).hasSize(CAMPAIGNS);
        long deliveredTwice = DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM webhook_events WHERE event_type = 'call_ended' AND attempts = 2")
                .mapTo(Long.class).one());
        assertThat(deliveredTwice).isEqualTo(size);
        return counter.roundTrips();
    }

    /**
     * Starts {@code size} campaign-linked calls (synchronously, not counted), accepts their {@code call_ended} events,
     * and returns the round trips of one {@code applyDue} that claims and applies all of them. Each campaign gets
     * {@code uncalled} contacts more than it has calls: with one, no campaign completes.
     */
    private List<String> roundTripsToApplyCallEndedBatch(int size, int uncalled) {
        List<Delivery> ended = startCampaignCalls(size, uncalled);
        ended.forEach(delivery -> assertThat(ingestion.accept(delivery)).isInstanceOf(IngestOutcome.Accepted.class));
        counter.reset();

        ApplyReport report = ingestion.applyDue(size);

        assertThat(report.claimed()).isEqualTo(size);
        assertThat(report.applied()).isEqualTo(size);
        assertThat(counter.roundTrips()).endsWith(StatementCounter.COMMIT).doesNotContain(StatementCounter.ROLLBACK);
        assertThat(processedPerCampaign()).containsOnly((long) size / CAMPAIGNS).hasSize(CAMPAIGNS);
        assertThat(appliedEvents()).isEqualTo(2L * size);
        return counter.roundTrips();
    }

    /** Starts {@code size} campaign-linked calls over the campaigns and returns their {@code call_ended} events. */
    private List<Delivery> startCampaignCalls(int size, int uncalled) {
        Organization acme = world.organization("Acme");
        Agent agent = world.agent(acme, OUTBOUND_AGENT);
        List<Delivery> ended = new ArrayList<>();
        for (int c = 0; c < CAMPAIGNS; c++) {
            Campaign campaign = world.processingCampaign(acme, agent);
            int perCampaign = size / CAMPAIGNS;
            List<Contact> contacts = world.contacts(campaign, numbers(c, perCampaign + uncalled));
            for (int i = 0; i < perCampaign; i++) {
                String callId = "call_" + c + "_" + i;
                Contact contact = contacts.get(i);
                String metadata = "{\"campaign_id\":\"" + campaign.id() + "\",\"contact_id\":\"" + contact.id() + "\"}";
                IngestOutcome started = ingestion.ingest(new Delivery(RetellPayloads.callEvent("call_started")
                        .callId(callId).agentId(OUTBOUND_AGENT).toNumber(contact.phoneNumber().value())
                        .metadata(metadata).startMs(START_MS).bytes(), NOW));
                assertThat(started).isInstanceOf(IngestOutcome.Applied.class);
                ended.add(new Delivery(RetellPayloads.callEvent("call_ended").callId(callId).agentId(OUTBOUND_AGENT)
                        .toNumber(contact.phoneNumber().value()).disconnectionReason("agent_hangup")
                        .startMs(START_MS).endMs(START_MS + 90_000).durationMs(90_000).callSuccessful(true)
                        .inVoicemail(false).metadata(metadata).bytes(), NOW));
            }
        }
        return ended;
    }

    private static String[] numbers(int campaign, int count) {
        String[] numbers = new String[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = String.format("+1212555%d%03d", campaign, i);
        }
        return numbers;
    }

    private static List<Long> processedPerCampaign() {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT processed FROM call_campaigns ORDER BY id")
                .mapTo(Long.class).list());
    }

    private static List<String> campaignStatuses() {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT status FROM call_campaigns ORDER BY id")
                .mapTo(String.class).list());
    }

    private static int completedActivities() {
        return DB.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM activity_logs WHERE entity_type = 'campaign' AND action = 'completed'")
                .mapTo(Integer.class).one());
    }

    private static long appliedEvents() {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_events WHERE status = 'applied'")
                .mapTo(Long.class).one());
    }
}
