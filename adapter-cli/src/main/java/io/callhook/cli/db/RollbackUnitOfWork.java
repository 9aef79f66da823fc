package io.callhook.cli.db;

import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import java.util.Objects;
import java.util.function.Function;

/**
 * For dry runs: runs each unit of work in a real transaction of the wrapped store, so every read, lock, constraint and
 * trigger behaves exactly as in a real run, and then rolls it back. The work's result is returned as if it had been
 * committed; nothing is ever written.
 */
public final class RollbackUnitOfWork implements UnitOfWork {

    private final UnitOfWork delegate;

    public RollbackUnitOfWork(UnitOfWork delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T inTransaction(Function<Stores, T> work) {
        Objects.requireNonNull(work, "work");
        try {
            delegate.inTransaction(stores -> {
                throw new RolledBack(work.apply(stores));
            });
        } catch (RolledBack rolledBack) {
            return (T) rolledBack.result;
        }
        throw new IllegalStateException("the unit of work returned although its work always throws");
    }

    /** Carries the result out of the transaction, which rolls back because of it. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Object result;

        RolledBack(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
