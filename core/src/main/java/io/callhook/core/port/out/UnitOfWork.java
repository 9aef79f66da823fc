package io.callhook.core.port.out;

import java.util.function.Function;

/**
 * Runs work atomically against the store: everything the work writes through the given {@link Stores} is kept together,
 * or nothing is (when the work throws). Adapters may run the work more than once (e.g. after a serialization failure or
 * deadlock), so it must have no effect outside the stores.
 */
public interface UnitOfWork {

    /**
     * Runs {@code work} in one transaction and returns its result.
     *
     * @throws PersistenceUnavailableException when the store cannot be reached or the work could not be committed;
     *                                         nothing was written
     */
    <T> T inTransaction(Function<Stores, T> work);
}
