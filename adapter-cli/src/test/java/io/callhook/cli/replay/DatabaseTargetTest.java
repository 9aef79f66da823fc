package io.callhook.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.cli.input.Origin;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.PersistenceUnavailableException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-21T10:00:00Z"), ZoneOffset.UTC);

    /** Applies everything, except that a body containing "poison" breaks the store, taking its batch down with it. */
    private static final class FakeIngestion implements IngestWebhookUseCase {
        final List<Integer> batchSizes = new ArrayList<>();
        final List<String> singles = new ArrayList<>();
        RuntimeException storeFailure = new IllegalStateException("ERROR: invalid byte sequence for encoding");

        @Override
        public IngestOutcome ingest(Delivery delivery) {
            String body = text(delivery);
            singles.add(body);
            if (body.contains("poison")) {
                throw storeFailure;
            }
            return new IngestOutcome.Applied(body, null, List.of(), null);
        }

        @Override
        public List<IngestOutcome> ingestBatch(List<Delivery> deliveries) {
            batchSizes.add(deliveries.size());
            if (deliveries.stream().anyMatch(d -> text(d).contains("poison"))) {
                throw storeFailure;
            }
            return deliveries.stream().<IngestOutcome>map(d -> new IngestOutcome.Applied(text(d), null, List.of(), null))
                    .toList();
        }

        @Override
        public IngestOutcome accept(Delivery delivery) {
            throw new UnsupportedOperationException("a replay into the database applies synchronously");
        }

        @Override
        public IngestOutcome reprocess(String dedupeKey) {
            throw new UnsupportedOperationException();
        }

        private static String text(Delivery delivery) {
            return new String(delivery.body(), StandardCharsets.UTF_8);
        }
    }

    private static List<RecordedEvent> events(String... bodies) {
        List<RecordedEvent> events = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            events.add(new RecordedEvent(bodies[i].getBytes(StandardCharsets.UTF_8), null, Origin.ofLine("f", i + 1)));
        }
        return events;
    }

    @Test
    void aHealthyBatchIsOneCall() throws TargetUnavailableException {
        FakeIngestion ingestion = new FakeIngestion();

        List<EventResult> results = new DatabaseTarget(ingestion, CLOCK, 500).replay(events("a", "b", "c"));

        assertThat(ingestion.batchSizes).containsExactly(3);
        assertThat(ingestion.singles).isEmpty();
        assertThat(results).extracting(EventResult::outcome).containsOnly(ReplayOutcome.APPLIED);
    }

    @Test
    void aBatchThatFailsAsAWholeIsRetriedEventByEventSoItsNeighboursAreApplied() throws TargetUnavailableException {
        FakeIngestion ingestion = new FakeIngestion();

        List<EventResult> results = new DatabaseTarget(ingestion, CLOCK, 500)
                .replay(events("a", "{\"event\":\"call_ended\",\"x\":\"poison\"}", "c"));

        assertThat(ingestion.batchSizes).containsExactly(3);
        assertThat(ingestion.singles).hasSize(3);
        assertThat(results).extracting(EventResult::outcome)
                .containsExactly(ReplayOutcome.APPLIED, ReplayOutcome.FAILED, ReplayOutcome.APPLIED);
        assertThat(results.get(1).eventType()).isEqualTo("call_ended");
        assertThat(results.get(1).message()).isEqualTo("could not be stored: ERROR: invalid byte sequence for encoding");
    }

    @Test
    void anUnreachableDatabaseStopsTheReplayInsteadOfFailingEveryEvent() {
        FakeIngestion ingestion = new FakeIngestion();
        ingestion.storeFailure = new PersistenceUnavailableException("Database unavailable: Connection refused",
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));

        assertThatThrownBy(() -> new DatabaseTarget(ingestion, CLOCK, 500).replay(events("a", "poison")))
                .isInstanceOf(TargetUnavailableException.class)
                .hasMessageStartingWith("could not reach the database: ");
        assertThat(ingestion.singles).as("no one-by-one retry against a database that is gone").isEmpty();
    }

    @Test
    void retriesExhaustedOnContentionFailOnlyThatEvent() throws TargetUnavailableException {
        FakeIngestion ingestion = new FakeIngestion();
        ingestion.storeFailure = new PersistenceUnavailableException("Transaction gave up after 5 attempts",
                new SQLException("deadlock detected", "40P01"));

        List<EventResult> results = new DatabaseTarget(ingestion, CLOCK, 500).replay(events("a", "poison"));

        assertThat(results).extracting(EventResult::outcome)
                .containsExactly(ReplayOutcome.APPLIED, ReplayOutcome.FAILED);
    }

    @Test
    void rejectedMalformedBodiesAreCountedUnderTheirEventField() {
        EventResult result = DatabaseTarget.result(new IngestOutcome.Rejected("unknown", "call.call_id: missing"),
                "{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isEqualTo(EventResult.rejected("call_ended", "call.call_id: missing"));
    }
}
