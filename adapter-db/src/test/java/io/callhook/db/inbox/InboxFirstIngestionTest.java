package io.callhook.db.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.port.in.ApplyInboxUseCase.ApplyReport;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.InboxRepository.Backlog;
import io.callhook.core.port.out.InboxRepository.PendingEntry;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.service.ApplyPolicy;
import io.callhook.core.service.IngestionService;
import io.callhook.db.FailureReasons;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accepting, claiming, applying, failing and taking over claims on real PostgreSQL. */
class InboxFirstIngestionTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private static final String POISON = "call_poison";
    /** Retries due at once, so that a test can run every attempt without waiting. */
    private static final ApplyPolicy TWO_ATTEMPTS_AT_ONCE =
            new ApplyPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(2));

    private UnitOfWork store;

    @BeforeEach
    void clean() {
        DB.truncateAll();
        DB.jdbi().useHandle(h -> h.execute("DROP TRIGGER IF EXISTS poison ON calls"));
        store = new PostgresUnitOfWork(DB.jdbi());
    }

    @Test
    void acceptingStoresTheDeliveryAsPendingWithOneStatementAndAppliesNothing() {
        IngestionService service = service(ApplyPolicy.DEFAULT);

        IngestOutcome first = service.accept(started("call_a"));
        IngestOutcome again = service.accept(started("call_a"));

        assertThat(first).isEqualTo(new IngestOutcome.Accepted("call_started", "call_a", null));
        assertThat(again).isEqualTo(new IngestOutcome.Duplicate("call_started", "call_a", null));
        assertThat(inbox()).isEqualTo("call_a:pending:2");
        assertThat(count("SELECT count(*) FROM calls")).isZero();
        assertThat(service.backlog().pending()).isEqualTo(1);
    }

    @Test
    void aBatchWithAPoisonEventAppliesAllTheOthersAndMarksThePoisonFailedThenDead() {
        poisonCallsNamed(POISON);
        IngestionService service = service(TWO_ATTEMPTS_AT_ONCE);
        List.of("call_1", "call_2", POISON, "call_3", "call_4").forEach(id -> service.accept(started(id)));

        ApplyReport firstRound = service.applyDue(10);

        assertThat(firstRound.claimed()).isEqualTo(5);
        assertThat(firstRound.applied()).isEqualTo(4);
        assertThat(firstRound.failed()).isEqualTo(1);
        assertThat(callIds()).containsExactly("call_1", "call_2", "call_3", "call_4");
        String detail = DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT detail FROM webhook_events WHERE call_id = :id").bind("id", POISON).mapTo(String.class).one());
        assertThat(detail).isEqualTo("apply attempt 1 of 2 failed: other (SQLState P0001)");

        ApplyReport secondRound = service.applyDue(10);

        assertThat(secondRound.claimed()).isEqualTo(1);
        assertThat(secondRound.dead()).isEqualTo(1);
        assertThat(service.applyDue(10)).isEqualTo(ApplyReport.NOTHING_DUE);
        assertThat(service.backlog()).isEqualTo(new Backlog(0, 0, 1, null));
        assertThat(inbox()).isEqualTo("call_1:applied:1, call_2:applied:1, call_3:applied:1, call_4:applied:1, "
                + "call_poison:dead:1");
    }

    @Test
    void aDeadEventIsAppliedByReprocessingOnceItsCauseIsFixed() {
        poisonCallsNamed(POISON);
        IngestionService service = service(new ApplyPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(2)));
        service.accept(started(POISON));
        assertThat(service.applyDue(10).dead()).isEqualTo(1);
        DB.jdbi().useHandle(h -> h.execute("DROP TRIGGER poison ON calls"));
        String key = DB.jdbi().withHandle(h -> h.createQuery("SELECT dedupe_key FROM webhook_events")
                .mapTo(String.class).one());

        IngestOutcome outcome = service.reprocess(key);

        assertThat(outcome).isInstanceOf(IngestOutcome.Applied.class);
        assertThat(callIds()).containsExactly(POISON);
        assertThat(inbox()).isEqualTo("call_poison:applied:1");
    }

    @Test
    void eventsClaimedByAProcessThatDiedAreTakenOverAndTheDeadClaimCannotOverwriteThem() {
        IngestionService service = service(new ApplyPolicy(10, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        IntStream.rangeClosed(1, 3).forEach(i -> service.accept(started("call_" + i)));
        UUID diedWith = UUID.randomUUID();
        List<PendingEntry> claimedByTheDead = store.inTransaction(s -> s.inbox().claimDue(diedWith, 10, Duration.ZERO));
        assertThat(claimedByTheDead).hasSize(3);

        ApplyReport takenOver = service.applyDue(10);

        assertThat(takenOver.applied()).isEqualTo(3);
        List<String> keys = claimedByTheDead.stream().map(PendingEntry::dedupeKey).toList();
        List<String> stillHeld = store.inTransaction(s -> s.inbox().hold(diedWith, keys));
        assertThat(stillHeld).isEmpty();
        store.inTransaction(s -> {
            keys.forEach(k -> s.inbox().fail(k, diedWith, "late", Instant.now(), true));
            return null;
        });
        assertThat(inbox()).isEqualTo("call_1:applied:1, call_2:applied:1, call_3:applied:1");
    }

    @Test
    void aBatchTheDatabaseFailedUnderIsAppliedAsSoonAsItAnswersNotAfterTheReclaimBound() {
        IngestionService accepting = service(ApplyPolicy.DEFAULT);
        IntStream.rangeClosed(1, 3).forEach(i -> accepting.accept(started("call_" + i)));
        // the database goes away after the claim: the batch's own unit of work cannot run
        AtomicInteger unitsOfWork = new AtomicInteger();
        AtomicBoolean reachable = new AtomicBoolean(true);
        UnitOfWork flaky = new UnitOfWork() {
            @Override
            public <T> T inTransaction(Function<Stores, T> work) {
                if (unitsOfWork.incrementAndGet() == 2) {
                    reachable.set(false);
                }
                if (!reachable.get()) {
                    throw new PersistenceUnavailableException("the database cannot be reached", null);
                }
                return store.inTransaction(work);
            }
        };
        IngestionService applier = new IngestionService(flaky, Clock.systemUTC(), ApplyPolicy.DEFAULT,
                FailureReasons::describe);

        assertThatThrownBy(() -> applier.applyDue(10)).isInstanceOf(PersistenceUnavailableException.class);
        assertThatThrownBy(() -> applier.applyDue(10)).isInstanceOf(PersistenceUnavailableException.class);
        assertThat(inbox()).isEqualTo("call_1:pending:1, call_2:pending:1, call_3:pending:1");
        reachable.set(true);
        ApplyReport afterTheOutage = applier.applyDue(10);

        // ApplyPolicy.DEFAULT takes over a claim after 2 minutes: applied now, the claim was given back
        assertThat(afterTheOutage.applied()).isEqualTo(3);
        assertThat(inbox()).isEqualTo("call_1:applied:1, call_2:applied:1, call_3:applied:1");
    }

    @Test
    void aClaimTakesAtMostTheBatchSizeOldestFirstAndSkipsRowsAnotherClaimHolds() {
        IngestionService service = service(ApplyPolicy.DEFAULT);
        IntStream.rangeClosed(1, 5).forEach(i -> service.accept(started("call_" + i)));

        List<PendingEntry> first = store.inTransaction(s -> s.inbox().claimDue(UUID.randomUUID(), 2, Duration.ofMinutes(1)));
        List<PendingEntry> second = store.inTransaction(s -> s.inbox().claimDue(UUID.randomUUID(), 10,
                Duration.ofMinutes(1)));

        assertThat(first).extracting(PendingEntry::dedupeKey).hasSize(2);
        assertThat(second).hasSize(3);
        assertThat(first.stream().map(PendingEntry::receivedAt).max(Instant::compareTo).orElseThrow())
                .isBeforeOrEqualTo(second.stream().map(PendingEntry::receivedAt).min(Instant::compareTo).orElseThrow());
    }

    @Test
    void appliersKeepUpWhileALongReadHoldsItsSnapshotOpen() throws Exception {
        IngestionService service = service(ApplyPolicy.DEFAULT);
        try (Connection reader = DB.dataSource().getConnection()) {
            reader.setAutoCommit(false);
            try (Statement read = reader.createStatement()) {
                read.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                read.executeQuery("SELECT count(*) FROM webhook_events").close(); // the snapshot is taken here

                IntStream.rangeClosed(1, 300).forEach(i -> service.accept(started("call_" + i)));
                int applied = 0;
                for (ApplyReport report = service.applyDue(50); report.claimed() > 0; report = service.applyDue(50)) {
                    applied += report.applied();
                }

                assertThat(applied).isEqualTo(300);
                assertThat(service.backlog()).isEqualTo(Backlog.EMPTY);
                try (ResultSet seen = read.executeQuery("SELECT count(*) FROM webhook_events")) {
                    seen.next();
                    assertThat(seen.getLong(1)).as("the reader still sees its old snapshot").isZero();
                }
            }
            reader.rollback();
        }
    }

    private IngestionService service(ApplyPolicy policy) {
        return new IngestionService(store, Clock.systemUTC(), policy, FailureReasons::describe);
    }

    private static Delivery started(String callId) {
        // distinct receive times, so that "oldest first" has an answer
        return new Delivery(RetellPayloads.callEvent("call_started").callId(callId).bytes(),
                Instant.parse("2026-09-22T12:00:00Z").plusMillis(Long.parseLong("0" + callId.replaceAll("\\D", ""))));
    }

    /** A trigger that refuses calls with this id: an event that cannot be applied, as a defect would make it. */
    private static void poisonCallsNamed(String callId) {
        DB.jdbi().useHandle(h -> {
            h.execute("""
                    CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'poison'; END $$""");
            h.execute("CREATE TRIGGER poison BEFORE INSERT ON calls FOR EACH ROW WHEN (NEW.call_id = '" + callId
                    + "') EXECUTE FUNCTION refuse_poison()");
        });
    }

    private static String inbox() {
        Jdbi jdbi = DB.jdbi();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT call_id || ':' || status || ':' || attempts FROM webhook_events ORDER BY call_id
                        """).mapTo(String.class).list()).stream().collect(Collectors.joining(", "));
    }

    private static List<String> callIds() {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT call_id FROM calls ORDER BY call_id")
                .mapTo(String.class).list());
    }

    private static long count(String sql) {
        return DB.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
