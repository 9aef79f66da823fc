package io.callhook.db.race;

import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real races on real PostgreSQL: the 500 calls of one campaign, every event delivered three times in random order by
 * several threads, each unit of work on a connection of its own. Whatever PostgreSQL makes of the interleaving
 * (lock waits, deadlocks, serialization failures), the result must be exactly what the plan says, and no failure may
 * reach the caller: the unit of work retries what PostgreSQL rolled back.
 */
class CampaignRaceTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private static final int CALLS = 500;
    private static final int COPIES = 3;
    private static final long SEED = 20_260_922L;
    /** One attempt per contact: every call closes its contact, so the campaign must complete. */
    private static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(RetryPolicy.defaults().retryOn(), 1,
            Duration.ofHours(1));

    private RaceWorld world;
    private CampaignScenario scenario;
    private List<Delivery> deliveries;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        world = RaceWorld.create(CALLS, ONE_ATTEMPT);
        world.insertInto(new PostgresUnitOfWork(DB.jdbi()));
        scenario = CampaignScenario.generate(world, SEED);
        deliveries = scenario.deliveries(COPIES, new Random(SEED));
    }

    @Test
    void fiveHundredCallsOfOneCampaignShuffledAndTripledComeOutExact() {
        Race.Results<IngestOutcome> race;
        long retried;
        try (CountingPool server = CountingPool.open(DB, 8)) {
            IngestWebhookUseCase service = RaceWorld.service(new PostgresUnitOfWork(server.jdbi()));
            race = Race.drain(8, deliveries, service::ingest);
            retried = server.borrowed() - deliveries.size();
        }

        report("8 threads, one delivery per unit of work", deliveries.size(), retried);
        ExactCampaign.assertOutcomes(race, scenario.distinctEvents().size(), deliveries.size());
        ExactCampaign.assertStored(DB.jdbi(), world, scenario, COPIES);
    }

    /**
     * Batches hold their locks (calls, contacts, the campaign) until the whole batch commits, so they deadlock against
     * each other far more often than single deliveries; the retried batch must still count everything once.
     */
    @Test
    void fiveHundredCallsInBatchesOfFiftyFromFourThreadsComeOutExact() {
        List<List<Delivery>> batches = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i += 50) {
            batches.add(deliveries.subList(i, Math.min(i + 50, deliveries.size())));
        }
        Race.Results<List<IngestOutcome>> race;
        long retried;
        Map<Long, Long> batchesByAttempts = new ConcurrentSkipListMap<>();
        try (CountingPool server = CountingPool.open(DB, 4)) {
            IngestWebhookUseCase service = RaceWorld.service(new PostgresUnitOfWork(server.jdbi()));
            race = Race.drain(4, batches, batch -> {
                long before = server.borrowedByThisThread();
                try {
                    return service.ingestBatch(batch);
                } finally {
                    batchesByAttempts.merge(server.borrowedByThisThread() - before, 1L, Long::sum);
                }
            });
            retried = server.borrowed() - batches.size();
        }

        report("4 threads, batches of 50 (batches by transaction attempts: " + batchesByAttempts + ")",
                deliveries.size(), retried);
        ExactCampaign.assertOutcomes(new Race.Results<>(
                race.results().stream().flatMap(List::stream).toList(), race.failures()),
                scenario.distinctEvents().size(), deliveries.size());
        ExactCampaign.assertStored(DB.jdbi(), world, scenario, COPIES);
    }

    /**
     * Two servers sharing the database: separate DataSources and use-case instances, nothing in common but PostgreSQL.
     * Every delivery is sent to both at once (as when a retry of Retell's lands on the other instance), so each event
     * arrives six times, three times at each server.
     */
    @Test
    void twoServersOnOneDatabaseRacingTheSameDeliveriesComeOutExact() {
        List<Delivery> secondOrder = new ArrayList<>(deliveries);
        Collections.shuffle(secondOrder, new Random(SEED + 1));
        Race.Results<IngestOutcome> race;
        long retried;
        try (CountingPool firstPool = CountingPool.open(DB, 8); CountingPool secondPool = CountingPool.open(DB, 8)) {
            IngestWebhookUseCase first = RaceWorld.service(new PostgresUnitOfWork(firstPool.jdbi()));
            IngestWebhookUseCase second = RaceWorld.service(new PostgresUnitOfWork(secondPool.jdbi()));
            List<Supplier<IngestOutcome>> sends = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery toFirst = deliveries.get(i);
                Delivery toSecond = secondOrder.get(i);
                sends.add(() -> first.ingest(toFirst));
                sends.add(() -> second.ingest(toSecond));
            }
            race = Race.drain(8, sends, Supplier::get);
            retried = firstPool.borrowed() + secondPool.borrowed() - sends.size();
        }

        report("2 servers, 8 threads alternating between them", 2 * deliveries.size(), retried);
        ExactCampaign.assertOutcomes(race, scenario.distinctEvents().size(), 2 * deliveries.size());
        ExactCampaign.assertStored(DB.jdbi(), world, scenario, 2 * COPIES);
    }

    private void report(String how, int deliveryCount, long retries) {
        System.out.printf("[race] %s: %d calls, %d distinct events, %d deliveries, %d transactions retried%n", how,
                CALLS, scenario.distinctEvents().size(), deliveryCount, retries);
    }
}
