package io.callhook.core.memory;

import io.callhook.core.contract.IngestionContract;
import io.callhook.core.port.out.UnitOfWork;

class InMemoryIngestionTest extends IngestionContract {

    @Override
    protected UnitOfWork newStore() {
        return new InMemoryStore();
    }
}
