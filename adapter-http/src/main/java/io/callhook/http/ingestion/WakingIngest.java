package io.callhook.http.ingestion;

import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import java.util.List;
import java.util.Objects;

/**
 * The webhook's use case, waking the appliers after each delivery it stores for them: this process's at once, and
 * every process's through a database hint sent outside the delivery's transaction (see {@code InboxNotifications}).
 * A duplicate stores nothing new and wakes nobody.
 */
public final class WakingIngest implements IngestWebhookUseCase {

    private final IngestWebhookUseCase delegate;
    private final Runnable onStored;

    public WakingIngest(IngestWebhookUseCase delegate, Runnable onStored) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.onStored = Objects.requireNonNull(onStored, "onStored");
    }

    @Override
    public IngestOutcome accept(Delivery delivery) {
        IngestOutcome outcome = delegate.accept(delivery);
        if (!(outcome instanceof IngestOutcome.Duplicate)) {
            onStored.run();
        }
        return outcome;
    }

    @Override
    public IngestOutcome ingest(Delivery delivery) {
        return delegate.ingest(delivery);
    }

    @Override
    public List<IngestOutcome> ingestBatch(List<Delivery> deliveries) {
        return delegate.ingestBatch(deliveries);
    }

    @Override
    public IngestOutcome reprocess(String dedupeKey) {
        return delegate.reprocess(dedupeKey);
    }
}
