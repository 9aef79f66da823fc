package io.callhook.db;

import io.callhook.core.port.out.PersistenceUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs a unit of work in one READ COMMITTED transaction and runs it again when PostgreSQL rolled it back for a
 * serialization failure (SQLState 40001) or a deadlock (40P01), a bounded number of times with jittered exponential
 * backoff.
 *
 * <p>The callback must therefore be safe to run again: everything it did in the database is rolled back before a retry,
 * but side effects outside the database are not. Do not call it from inside another transaction on the same thread:
 * a retry needs a fresh transaction.
 *
 * <p>Failures are reported as follows: the database cannot be reached (SQLState class 08, the pool or driver cannot
 * connect, the server is shutting down) or the retries are exhausted → {@link PersistenceUnavailableException};
 * anything else (constraint violations, bugs in SQL, exceptions of the callback) is rethrown unchanged.
 */
public final class TransactionRunner {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(20);
    private static final long MAX_BACKOFF_MILLIS = 500;

    private final Jdbi jdbi;
    private final int maxAttempts;
    private final long baseBackoffMillis;

    /** Five attempts, backoff starting at 20 ms. */
    public TransactionRunner(Jdbi jdbi) {
        this(jdbi, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_BACKOFF);
    }

    public TransactionRunner(Jdbi jdbi, int maxAttempts, Duration baseBackoff) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseBackoff.isNegative()) {
            throw new IllegalArgumentException("baseBackoff must not be negative, was " + baseBackoff);
        }
        this.maxAttempts = maxAttempts;
        this.baseBackoffMillis = baseBackoff.toMillis();
    }

    /**
     * Runs {@code callback} in a READ COMMITTED transaction, committing when it returns and rolling back when it throws.
     *
     * @throws PersistenceUnavailableException when the database is unreachable or retries are exhausted
     * @throws X                               what the callback throws, unchanged
     */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        Objects.requireNonNull(callback, "callback");
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, callback);
            } catch (Exception e) {
                if (SqlFailures.isRetryable(e)) {
                    if (attempt >= maxAttempts) {
                        throw new PersistenceUnavailableException("Transaction gave up after " + attempt
                                + " attempts, each rolled back by PostgreSQL (SQLState " + SqlFailures.sqlState(e)
                                + ": serialization failure or deadlock)", e);
                    }
                    pause(attempt, e);
                    continue;
                }
                if (SqlFailures.isUnavailable(e)) {
                    throw new PersistenceUnavailableException("Database unavailable: " + FailureSummary.of(e), e);
                }
                throw rethrow(e);
            }
        }
    }

    /** Like {@link #inTransaction(HandleCallback)} for work without a result. */
    public <X extends Exception> void useTransaction(HandleConsumer<X> consumer) throws X {
        Objects.requireNonNull(consumer, "consumer");
        inTransaction(handle -> {
            consumer.useHandle(handle);
            return null;
        });
    }

    private void pause(int attempt, Exception cause) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, baseBackoffMillis << Math.min(attempt - 1, 16));
        long millis = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            PersistenceUnavailableException failure =
                    new PersistenceUnavailableException("Interrupted while waiting to retry a transaction", cause);
            failure.addSuppressed(interrupted);
            throw failure;
        }
    }

    /** Jdbi only lets the callback's X or unchecked exceptions out, so this cast is what the signature promises. */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> X rethrow(Exception e) throws X {
        throw (X) e;
    }
}
