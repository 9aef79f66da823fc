package io.callhook.core.memory;

import io.callhook.core.contract.PersistenceContract;
import io.callhook.core.port.out.UnitOfWork;

class InMemoryPersistenceTest extends PersistenceContract {

    @Override
    protected UnitOfWork newStore() {
        return new InMemoryStore();
    }
}
