package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class TransactionRunnerTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    @BeforeEach
    void counters() {
        db.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, value int NOT NULL)");
            h.execute("TRUNCATE counters");
            h.execute("INSERT INTO counters VALUES (1, 0), (2, 0)");
        });
    }

    @Test
    void commitsWhatTheCallbackDidAtReadCommitted() {
        TransactionRunner runner = new TransactionRunner(db.jdbi());

        TransactionIsolationLevel level = runner.inTransaction(h -> {
            h.execute("UPDATE counters SET value = 7 WHERE id = 1");
            return h.getTransactionIsolationLevel();
        });

        assertThat(level).isEqualTo(TransactionIsolationLevel.READ_COMMITTED);
        assertThat(value(1)).isEqualTo(7);
    }

    @Test
    void rollsBackWhenTheCallbackThrowsAndRethrowsItUnchanged() {
        TransactionRunner runner = new TransactionRunner(db.jdbi());
        IOException failure = new IOException("callback failed");

        assertThatThrownBy(() -> runner.useTransaction(h -> {
            h.execute("UPDATE counters SET value = 99 WHERE id = 1");
            throw failure;
        })).isSameAs(failure);
        assertThat(value(1)).isZero();
    }

    @Test
    @Timeout(60)
    void deadlockedTransactionsBothSucceedThanksToTheRetry() throws Exception {
        TransactionRunner runner = new TransactionRunner(db.jdbi());
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = List.of(
                    threads.submit(() -> updateInOrder(runner, 1, 2, bothHoldTheirFirstRow, attempts)),
                    threads.submit(() -> updateInOrder(runner, 2, 1, bothHoldTheirFirstRow, attempts)));

            List<Integer> attemptsPerThread = List.of(
                    results.get(0).get(45, TimeUnit.SECONDS), results.get(1).get(45, TimeUnit.SECONDS));
            // PostgreSQL aborted exactly one of the two; its retry then ran alone.
            assertThat(attemptsPerThread).containsExactlyInAnyOrder(1, 2);
        } finally {
            threads.shutdownNow();
        }

        assertThat(attempts).hasValue(3);
        assertThat(value(1)).isEqualTo(2);
        assertThat(value(2)).isEqualTo(2);
    }

    private static int updateInOrder(TransactionRunner runner, int first, int second, CyclicBarrier barrier,
                                     AtomicInteger attempts) throws Exception {
        AtomicInteger mine = new AtomicInteger();
        return runner.inTransaction(h -> {
            attempts.incrementAndGet();
            h.execute("UPDATE counters SET value = value + 1 WHERE id = ?", first);
            if (mine.incrementAndGet() == 1) {
                barrier.await(30, TimeUnit.SECONDS); // both now hold one row lock and want the other's
            }
            h.execute("UPDATE counters SET value = value + 1 WHERE id = ?", second);
            return mine.get();
        });
    }

    @Test
    void givesUpAfterTheLastAttemptWithPersistenceUnavailable() {
        TransactionRunner runner = new TransactionRunner(db.jdbi(), 3, Duration.ofMillis(1));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.useTransaction(h -> {
            attempts.incrementAndGet();
            h.execute("DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = 'serialization_failure'; END $$");
        }))
                .isInstanceOf(PersistenceUnavailableException.class)
                .hasMessageContaining("3 attempts")
                .hasMessageContaining("40001");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void constraintViolationIsNotRetriedAndNotDisguised() {
        TransactionRunner runner = new TransactionRunner(db.jdbi());
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.useTransaction(h -> {
            attempts.incrementAndGet();
            h.execute("INSERT INTO counters VALUES (1, 0)");
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    @Timeout(30)
    void unreachableServerIsPersistenceUnavailable() throws IOException {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:" + portWithNothingListening() + "/callhook");
        nowhere.setUser("postgres");
        nowhere.setConnectTimeout(2);
        TransactionRunner runner = new TransactionRunner(Jdbi.create(nowhere));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.inTransaction(h -> attempts.incrementAndGet()))
                .isInstanceOf(PersistenceUnavailableException.class)
                .hasMessageContaining("Database unavailable");
        assertThat(attempts).hasValue(0);
    }

    private static int portWithNothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int value(int id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT value FROM counters WHERE id = ?")
                .bind(0, id).mapTo(Integer.class).one());
    }
}
