package io.callhook.db.store;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.TransactionRunner;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs each unit of work in one READ COMMITTED PostgreSQL transaction through {@link TransactionRunner}: retried from
 * the start after a serialization failure or deadlock, {@link PersistenceUnavailableException} when the database cannot
 * be reached. Every guarantee the ports make under concurrency comes from the database (advisory and row locks, unique
 * keys, single-statement increments), so it holds across any number of processes sharing the database.
 */
public final class PostgresUnitOfWork implements UnitOfWork {

    private final TransactionRunner transactions;

    public PostgresUnitOfWork(Jdbi jdbi) {
        this(new TransactionRunner(jdbi));
    }

    public PostgresUnitOfWork(TransactionRunner transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public <T> T inTransaction(Function<Stores, T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.inTransaction(handle -> work.apply(new PostgresStores(handle)));
    }
}
