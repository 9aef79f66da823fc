package io.callhook.http.support;

import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A recording ingest use case: keeps every delivery and answers with whatever the test told it to. */
public final class FakeIngest implements IngestWebhookUseCase {

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Function<Delivery, IngestOutcome> answer = d -> new IngestOutcome.Applied("call_started",
            "call_test", List.of(), null);

    /** Answers every later delivery with {@code outcome}. */
    public void answers(IngestOutcome outcome) {
        answer = d -> outcome;
    }

    /** Throws {@code failure} for every later delivery (after recording it). */
    public void fails(RuntimeException failure) {
        answer = d -> {
            throw failure;
        };
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public void reset() {
        deliveries.clear();
        answer = d -> new IngestOutcome.Applied("call_started", "call_test", List.of(), null);
    }

    @Override
    public IngestOutcome ingest(Delivery delivery) {
        deliveries.add(delivery);
        return answer.apply(delivery);
    }

    @Override
    public IngestOutcome accept(Delivery delivery) {
        return ingest(delivery);
    }

    @Override
    public List<IngestOutcome> ingestBatch(List<Delivery> batch) {
        return batch.stream().map(this::ingest).toList();
    }

    @Override
    public IngestOutcome reprocess(String dedupeKey) {
        throw new UnsupportedOperationException("the webhook never reprocesses");
    }
}
