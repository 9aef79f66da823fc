package io.callhook.cli.db;

import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes several use-case calls one transaction: inside {@link #inTransaction} every nested {@code inTransaction} (e.g.
 * each command of {@code AdministrationService}) joins the outer one instead of committing on its own. So an import
 * either creates everything or nothing. Not thread-safe: one importer per instance.
 */
public final class JoinedUnitOfWork implements UnitOfWork {

    private final UnitOfWork delegate;
    private Stores current;

    public JoinedUnitOfWork(UnitOfWork delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public <T> T inTransaction(Function<Stores, T> work) {
        Objects.requireNonNull(work, "work");
        if (current != null) {
            return work.apply(current);
        }
        return delegate.inTransaction(stores -> {
            current = stores;
            try {
                return work.apply(stores);
            } finally {
                current = null;
            }
        });
    }
}
