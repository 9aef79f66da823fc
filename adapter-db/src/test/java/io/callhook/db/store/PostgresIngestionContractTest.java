package io.callhook.db.store;

import io.callhook.core.contract.IngestionContract;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's whole-lifecycle ingestion scenarios on the recorded Retell payloads, stored in PostgreSQL. */
class PostgresIngestionContractTest extends IngestionContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    @Override
    protected UnitOfWork newStore() {
        DB.truncateAll();
        return new PostgresUnitOfWork(DB.jdbi());
    }
}
