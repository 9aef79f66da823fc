package io.callhook.db.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.service.IngestionService;
import io.callhook.db.testing.StatementCounter;
import io.callhook.db.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins how many statements one webhook delivery costs in PostgreSQL, counted at the JDBC boundary: each is a round trip
 * under the server's transaction, so a change that adds one shows here as a failing count rather than as a slower
 * benchmark. When a redesign changes a count on purpose, re-pin it here (and say why in the commit).
 */
class WebhookRoundTripsTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");
    private static final String OUTBOUND_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    private static final String BOOKED_CONTACT = "+12125550198";
    private static final String NO_ANSWER_CONTACT = "+16465550177";

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

    @Test
    void unlinkedCallEndedCostsSevenStatementsAndOneCommit() {
        List<String> trips = countedDelivery("02-outbound-call_ended.json", IngestOutcome.Applied.class);

        // inbox claim, call lock, agent and number look-ups (the agent is unknown), call insert, inbox completion,
        // activity
        assertThat(counter.statements()).hasSize(7);
        assertThat(trips).hasSize(8).endsWith(StatementCounter.COMMIT);
    }

    @Test
    void campaignLinkedCallEndedCostsTwelveStatementsAndOneCommit() {
        Organization acme = world.organization("Acme");
        Agent agent = world.agent(acme, OUTBOUND_AGENT);
        Campaign campaign = world.processingCampaign(acme, agent);
        world.contacts(campaign, BOOKED_CONTACT, NO_ANSWER_CONTACT);
        deliver("01-outbound-call_started.json");

        List<String> trips = countedDelivery("02-outbound-call_ended.json", IngestOutcome.Applied.class);

        // inbox claim, call lock, call upsert, contact lock, campaign lock, attempts read, attempt insert, contact
        // update, counters update, open-contacts count, inbox completion, activity
        assertThat(counter.statements()).hasSize(12);
        assertThat(trips).hasSize(13).endsWith(StatementCounter.COMMIT);
    }

    @Test
    void duplicateCallEndedCostsOneStatementAndOneCommit() {
        deliver("02-outbound-call_ended.json");

        List<String> trips = countedDelivery("02-outbound-call_ended.json", IngestOutcome.Duplicate.class);

        assertThat(trips).containsExactly("INSERT INTO webhook_events (dedupe_key, event_type, call_id,",
                StatementCounter.COMMIT);
    }

    @Test
    void acceptingAWebhookCostsOneInsertAndOneCommit() {
        counter.reset();

        IngestOutcome outcome = ingestion.accept(new Delivery(RetellPayloads.fixture("02-outbound-call_ended.json"), NOW));

        // the webhook's whole request path: applying it is the appliers' work, behind the answer
        assertThat(outcome).isInstanceOf(IngestOutcome.Accepted.class);
        assertThat(counter.roundTrips()).hasSize(2).endsWith(StatementCounter.COMMIT);
        assertThat(counter.roundTrips().get(0)).startsWith("INSERT INTO webhook_events");
    }

    @Test
    void noTransactionReadsOrSetsTheIsolationLevel() {
        List<String> trips = countedDelivery("02-outbound-call_ended.json", IngestOutcome.Applied.class);

        assertThat(trips).isNotEmpty().doesNotContain(StatementCounter.SHOW_ISOLATION, StatementCounter.SET_ISOLATION);
    }

    private IngestOutcome deliver(String fixture) {
        return ingestion.ingest(new Delivery(RetellPayloads.fixture(fixture), NOW));
    }

    /** Delivers {@code fixture}, checks what it amounted to, and returns the round trips it cost. */
    private List<String> countedDelivery(String fixture, Class<? extends IngestOutcome> expected) {
        counter.reset();
        IngestOutcome outcome = deliver(fixture);
        assertThat(outcome).isInstanceOf(expected);
        return counter.roundTrips();
    }
}
