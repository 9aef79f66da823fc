package io.callhook.db.store;

import static io.callhook.db.store.SqlStates.CHECK_VIOLATION;
import static io.callhook.db.store.SqlStates.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.CallingWindow;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCampaignRepositoryTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private UnitOfWork store;
    private TestWorld world;
    private Organization org;
    private Agent agent;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        world = TestWorld.in(store);
        org = world.organization("Acme");
        agent = world.agent(org, "agent_a");
    }

    @Test
    void campaignWithPolicyWindowCountersAndCompletionReadsBackEqual() {
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, (long) outcome.ordinal() + 1);
        }
        Campaign campaign = new Campaign(CampaignId.random(), org.id(), agent.id(), "Spring renewals",
                CampaignStatus.COMPLETED,
                new RetryPolicy(EnumSet.allOf(Outcome.class), 4, Duration.ofMinutes(90).plusMillis(250)),
                new CallingWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY), LocalTime.of(8, 30, 15, 123_456_000),
                        LocalTime.of(20, 0), ZoneId.of("America/New_York")),
                new CampaignProgress(55, 12, byOutcome), TestWorld.T0, TestWorld.T0.plusSeconds(3600));

        create(campaign);

        Optional<Campaign> loaded = store.inTransaction(s -> s.campaigns().find(campaign.id()));
        assertThat(loaded).contains(campaign);
    }

    @Test
    void campaignWithoutWindowReadsBackWithoutWindow() {
        Campaign campaign = world.campaign(org, agent, CampaignStatus.DRAFT,
                new RetryPolicy(EnumSet.noneOf(Outcome.class), 1, Duration.ZERO), null);

        Optional<Campaign> loaded = store.inTransaction(s -> s.campaigns().lock(campaign.id()));
        assertThat(loaded).contains(campaign);
    }

    @Test
    void everyStatusIsAcceptedAndFoundByAgentAndStatus() {
        for (CampaignStatus status : CampaignStatus.values()) {
            Campaign campaign = world.campaign(org, agent, status, RetryPolicy.defaults(), null);

            List<Campaign> found = store.inTransaction(s -> s.campaigns().findByAgentAndStatus(agent.id(), status));

            assertThat(found).containsExactly(campaign);
        }
    }

    @Test
    void organizationsCampaignsComeNewestFirstInPages() {
        Campaign older = world.processingCampaign(org, agent);
        Campaign newer = world.processingCampaign(org, agent); // same created_at: creation order decides

        List<Campaign> firstPage = store.inTransaction(s -> s.campaigns().findByOrganization(org.id(), 0, 1));
        List<Campaign> secondPage = store.inTransaction(s -> s.campaigns().findByOrganization(org.id(), 1, 1));

        assertThat(firstPage).containsExactly(newer);
        assertThat(secondPage).containsExactly(older);
    }

    @Test
    void concurrentProgressDeltasAreAllCounted() throws Exception {
        Campaign campaign = world.processingCampaign(org, agent);
        CampaignProgress delta = new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L, Outcome.NO_ANSWER, 2L));
        int threads = 8;
        int incrementsPerThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    // one connection per thread (the test data source does not pool), one transaction per increment
                    try (Handle handle = DB.jdbi().open()) {
                        start.await();
                        for (int i = 0; i < incrementsPerThread; i++) {
                            handle.useTransaction(h -> new PostgresStores(h).campaigns().addProgress(campaign.id(),
                                    delta));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        long total = (long) threads * incrementsPerThread;
        assertThat(store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow().progress())
                .isEqualTo(new CampaignProgress(total, total, Map.of(Outcome.CONNECTED, total, Outcome.NO_ANSWER,
                        2 * total)));
    }

    @Test
    void negativeDeltasTakeBackWhatWasCounted() {
        Campaign campaign = world.processingCampaign(org, agent);

        store.inTransaction(s -> {
            s.campaigns().addProgress(campaign.id(), new CampaignProgress(1, 0, Map.of(Outcome.NO_ANSWER, 1L)));
            s.campaigns().addProgress(campaign.id(), new CampaignProgress(0, 1,
                    Map.of(Outcome.NO_ANSWER, -1L, Outcome.CONNECTED, 1L)));
            return null;
        });

        assertThat(store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow().progress())
                .isEqualTo(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)));
    }

    @Test
    void countersThatWouldGoNegativeAreRefused() {
        Campaign campaign = world.processingCampaign(org, agent);

        assertFailsWith(CHECK_VIOLATION, "outcome_busy", () -> store.inTransaction(s -> {
            s.campaigns().addProgress(campaign.id(), new CampaignProgress(0, 0, Map.of(Outcome.BUSY, -1L)));
            return null;
        }));
    }

    @Test
    void progressForAnUnknownCampaignIsABug() {
        CampaignId unknown = CampaignId.random();

        assertThatThrownBy(() -> store.inTransaction(s -> {
            s.campaigns().addProgress(unknown, new CampaignProgress(1, 0, Map.of(Outcome.BUSY, 1L)));
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining(unknown.toString());
    }

    @Test
    void aStatusChangeFromAStaleStatusChangesNothing() {
        Campaign campaign = world.processingCampaign(org, agent);
        Instant done = TestWorld.T0.plusSeconds(60);

        boolean paused = store.inTransaction(s -> s.campaigns().changeStatus(campaign.id(), CampaignStatus.PROCESSING,
                CampaignStatus.PAUSED, null));
        boolean stale = store.inTransaction(s -> s.campaigns().changeStatus(campaign.id(), CampaignStatus.PROCESSING,
                CampaignStatus.COMPLETED, done));
        boolean unknown = store.inTransaction(s -> s.campaigns().changeStatus(CampaignId.random(),
                CampaignStatus.PAUSED, CampaignStatus.CANCELLED, done));

        assertThat(paused).isTrue();
        assertThat(stale).isFalse();
        assertThat(unknown).isFalse();
        Campaign loaded = store.inTransaction(s -> s.campaigns().find(campaign.id())).orElseThrow();
        assertThat(loaded.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(loaded.completedAt()).isNull();
    }

    @Test
    void lockedCampaignMakesASecondLockerWaitForTheCommittedState() throws Exception {
        Campaign campaign = world.processingCampaign(org, agent);
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> store.inTransaction(s -> {
            s.campaigns().lock(campaign.id());
            firstHoldsTheLock.countDown();
            awaitLatch(releaseFirst);
            s.campaigns().changeStatus(campaign.id(), CampaignStatus.PROCESSING, CampaignStatus.PAUSED, null);
            return null;
        }));
        assertThat(firstHoldsTheLock.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Campaign> second = CompletableFuture.supplyAsync(
                () -> store.inTransaction(s -> s.campaigns().lock(campaign.id())).orElseThrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingTransactionLocks() >= 1);
        assertThat(second).isNotDone();
        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(CampaignStatus.PAUSED);
    }

    @Test
    void anUnknownStatusIsRejectedByTheDatabase() {
        Campaign campaign = world.processingCampaign(org, agent);

        assertFailsWith(CHECK_VIOLATION, "call_campaigns_status_check", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("UPDATE call_campaigns SET status = 'archived' WHERE id = :id")
                .bind("id", campaign.id().value()).execute()));
    }

    @Test
    void aHalfSetCallingWindowIsRejectedByTheDatabase() {
        Campaign campaign = world.processingCampaign(org, agent);

        assertFailsWith(CHECK_VIOLATION, "call_campaigns_window_all_or_none", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("UPDATE call_campaigns SET window_start = '09:00' WHERE id = :id")
                .bind("id", campaign.id().value()).execute()));
    }

    @Test
    void aRetryOnListWithAnUnknownOutcomeIsRejectedByTheDatabase() {
        Campaign campaign = world.processingCampaign(org, agent);

        assertFailsWith(CHECK_VIOLATION, "call_campaigns_retry_on_check", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("UPDATE call_campaigns SET retry_on = ARRAY['busy', 'hung_up'] WHERE id = :id")
                .bind("id", campaign.id().value()).execute()));
    }

    private void create(Campaign campaign) {
        store.inTransaction(s -> {
            s.campaigns().create(campaign);
            return null;
        });
    }

    /** Backends waiting for a row lock (a transactionid lock on the holder) right now. */
    private static long waitingTransactionLocks() {
        return DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype IN ('transactionid', 'tuple') AND NOT granted")
                .mapTo(Long.class).one());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
