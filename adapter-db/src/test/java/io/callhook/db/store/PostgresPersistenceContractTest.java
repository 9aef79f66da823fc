package io.callhook.db.store;

import io.callhook.core.contract.PersistenceContract;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's persistence contract against PostgreSQL: the adapter keeps every promise the in-memory store keeps. */
class PostgresPersistenceContractTest extends PersistenceContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    @Override
    protected UnitOfWork newStore() {
        DB.truncateAll();
        return new PostgresUnitOfWork(DB.jdbi());
    }
}
