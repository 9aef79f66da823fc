package io.callhook.db.store;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.TransactionRunner;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs each unit of work in one READ COMMITTED PostgreSQL transaction through {@link TransactionRunner}: retried from
 * the start after a serialization failure or deadlock, {@link PersistenceUnavailableException} when the database cannot
 * be reached. Every guarantee the ports make under concurrency comes from the database (advisory and row locks, unique
 * keys, single-statement increments), so it holds across any number of processes sharing the database.
 *
 * <p>The work gets {@link PostgresStores#writeBehind write-behind} stores: what it locks is kept for the rest of the
 * transaction and the writes nothing reads back (or that commute) go out together just before the commit, so a batch of
 * events costs a few statements per batch rather than several per event.
 */
public final class PostgresUnitOfWork implements UnitOfWork {

    private final TransactionRunner transactions;
    private final Duration statementTimeout;

    public PostgresUnitOfWork(Jdbi jdbi) {
        this(new TransactionRunner(jdbi));
    }

    public PostgresUnitOfWork(TransactionRunner transactions) {
        this(transactions, null);
    }

    private PostgresUnitOfWork(TransactionRunner transactions, Duration statementTimeout) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.statementTimeout = statementTimeout;
    }

    /**
     * Units of work for reads (reports, API lists) whose statements are cancelled after {@code statementTimeout}: a long
     * read holds a snapshot, and while it does no row version that became dead since can be removed, so the inbox's work
     * set (where every applied event leaves one) would bloat and every claim slow down.
     */
    public static PostgresUnitOfWork forReads(Jdbi jdbi, Duration statementTimeout) {
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive, was " + statementTimeout);
        }
        return new PostgresUnitOfWork(new TransactionRunner(jdbi), statementTimeout);
    }

    @Override
    public <T> T inTransaction(Function<Stores, T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.inTransaction(handle -> {
            if (statementTimeout != null) {
                handle.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
            }
            // the writes a unit of work held back go out just before its commit; when the work throws they are
            // dropped with the rolled-back transaction, so a failed attempt leaves nothing behind
            PostgresStores stores = PostgresStores.writeBehind(handle);
            T result = work.apply(stores);
            stores.flush();
            return result;
        });
    }
}
