package io.callhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellPayloads;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class IngestionServiceTest {

    private static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");
    private final InMemoryStore store = new InMemoryStore();
    private final IngestionService ingestion = new IngestionService(store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyEventTypeIsDispatchedToAnOutcome() {
        List<IngestOutcome> outcomes = RetellPayloads.oneOfEachEventType().stream()
                .map(body -> ingestion.ingest(new Delivery(body, NOW)))
                .toList();

        assertThat(outcomes).extracting(IngestOutcome::eventName).containsExactly("call_started", "call_ended",
                "call_analyzed", "transcript_updated", "transfer_started", "transfer_bridged", "transfer_cancelled",
                "transfer_ended", "call_inbound", "chat_inbound", "chat_started", "something_new");
        assertThat(outcomes).noneMatch(o -> o instanceof IngestOutcome.Rejected);
    }

    @Test
    void storeFailureReachesTheCallerAndRecordsNothing() {
        UnitOfWork broken = new UnitOfWork() {
            @Override
            public <T> T inTransaction(Function<Stores, T> work) {
                throw new PersistenceUnavailableException("database down", null);
            }
        };
        IngestionService failing = new IngestionService(broken, Clock.fixed(NOW, ZoneOffset.UTC));

        Assertions.assertThatThrownBy(() -> failing.ingest(new Delivery(RetellPayloads.fixture(
                "02-outbound-call_ended.json"), NOW))).isInstanceOf(PersistenceUnavailableException.class);
    }
}
