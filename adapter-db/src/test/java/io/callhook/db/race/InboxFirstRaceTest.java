package io.callhook.db.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.port.in.ApplyInboxUseCase.ApplyReport;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.InboxRepository.Backlog;
import io.callhook.core.service.ApplyPolicy;
import io.callhook.core.service.IngestionService;
import io.callhook.db.FailureReasons;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inbox-first ingestion under a real race: two "processes" (each its own connection pool and its own use case, as two
 * servers on one database have) with four appliers each. Every thread accepts its share of the deliveries (each event
 * three times, shuffled, racing the other threads' duplicates), then all apply until nothing is due, the appliers of
 * both processes competing for the same rows through {@code FOR UPDATE SKIP LOCKED} claims. (Acceptance overlapping
 * application is what the server tests do.)
 */
class InboxFirstRaceTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    /**
     * About 10,000 distinct events (three or four per call), each delivered three times: since batches are applied
     * set-based the full size takes under 20 s on 2 cores, so the build runs it ({@code -Drace.inbox.calls} to change).
     */
    private static final int CALLS = Integer.getInteger("race.inbox.calls", 4_000);
    private static final int COPIES = 3;
    private static final int APPLIERS_PER_PROCESS = 4;
    private static final long SEED = 20_261_202L;
    private static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(RetryPolicy.defaults().retryOn(), 1,
            Duration.ofHours(1));

    @Test
    void twoProcessesWithFourAppliersEachApplyShuffledTripledEventsExactlyOnce() throws Exception {
        DB.truncateAll();
        RaceWorld world = RaceWorld.create(CALLS, ONE_ATTEMPT);
        world.insertInto(new PostgresUnitOfWork(DB.jdbi()));
        CampaignScenario scenario = CampaignScenario.generate(world, SEED);
        List<Delivery> deliveries = scenario.deliveries(COPIES, new Random(SEED));
        assertThat(scenario.distinctEvents()).hasSizeGreaterThanOrEqualTo(CALLS * 5 / 2);

        int threads = 2 * APPLIERS_PER_PROCESS;
        List<Map<Class<?>, Long>> accepted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allAccepted = new CountDownLatch(threads);
        AtomicInteger applied = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (CountingPool first = CountingPool.open(DB, APPLIERS_PER_PROCESS);
             CountingPool second = CountingPool.open(DB, APPLIERS_PER_PROCESS)) {
            List<IngestionService> processes = List.of(service(first), service(second));
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                IngestionService process = processes.get(t % 2);
                List<Delivery> share = deliveries.subList(deliveries.size() * t / threads,
                        deliveries.size() * (t + 1) / threads);
                workers.add(pool.submit(() -> {
                    accepted.add(share.stream().map(process::accept)
                            .collect(Collectors.groupingBy(Object::getClass, Collectors.counting())));
                    allAccepted.countDown();
                    allAccepted.await();
                    applyUntilDrained(process, applied);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Class<?>, Long> outcomes = accepted.stream().flatMap(m -> m.entrySet().stream())
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.summingLong(Map.Entry::getValue)));
        int distinct = scenario.distinctEvents().size();
        assertThat(outcomes).containsOnly(Map.entry(IngestOutcome.Accepted.class, (long) distinct),
                Map.entry(IngestOutcome.Duplicate.class, (long) (deliveries.size() - distinct)));
        assertThat(applied.get()).as("events applied by all appliers together").isEqualTo(distinct);
        ExactCampaign.assertStored(DB.jdbi(), world, scenario, COPIES);
    }

    /** An applier's loop, as the server runs it, until nothing is pending or failed. */
    private static void applyUntilDrained(IngestionService process, AtomicInteger applied) {
        while (true) {
            ApplyReport report = process.applyDue(100);
            applied.addAndGet(report.applied());
            assertThat(report.failed() + report.dead()).as("events that failed to apply").isZero();
            if (report.claimed() == 0) {
                Backlog backlog = process.backlog();
                if (backlog.pending() == 0 && backlog.failed() == 0) {
                    return;
                }
            }
        }
    }

    private static IngestionService service(CountingPool pool) {
        return new IngestionService(new PostgresUnitOfWork(pool.jdbi()), Clock.fixed(RaceWorld.NOW, ZoneOffset.UTC),
                ApplyPolicy.DEFAULT, FailureReasons::describe);
    }
}
