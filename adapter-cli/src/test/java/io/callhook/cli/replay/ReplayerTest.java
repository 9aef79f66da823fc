package io.callhook.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.input.InputItem;
import io.callhook.cli.input.InputProblem;
import io.callhook.cli.input.Origin;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.retell.EventNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-21T10:00:00Z"), ZoneOffset.UTC);

    private final ReplaySummary summary = new ReplaySummary(CLOCK);

    private static RecordedEvent event(String name, int line) {
        return new RecordedEvent(("{\"event\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), null,
                Origin.ofLine("in.ndjson", line));
    }

    /** Applies everything, remembering the batches; goes away after {@code failAfter} events. */
    private static final class RecordingTarget implements ReplayTarget {
        final List<List<String>> batches = new ArrayList<>();
        int failAfter = Integer.MAX_VALUE;
        int seen;

        @Override
        public List<EventResult> replay(List<RecordedEvent> batch) throws TargetUnavailableException {
            batches.add(batch.stream().map(e -> EventNames.of(e.body())).toList());
            List<EventResult> results = new ArrayList<>();
            for (RecordedEvent event : batch) {
                if (seen++ >= failAfter) {
                    throw new TargetUnavailableException("could not reach the server", results, null);
                }
                results.add(EventResult.of(EventNames.of(event.body()), ReplayOutcome.APPLIED));
            }
            return results;
        }

        @Override
        public int preferredBatchSize() {
            return 2;
        }
    }

    @Test
    void batchesEventsAndCountsUnreadableInputWhereItIsMet() {
        RecordingTarget target = new RecordingTarget();
        List<InputItem> items = List.of(event("call_started", 1), new InputProblem(Origin.ofLine("in.ndjson", 2), "bad"),
                event("call_ended", 3), event("call_analyzed", 4));

        Optional<TargetUnavailableException> stopped = new Replayer(target, null, summary, Progress.none(),
                EventOrder.FILE, 0).run(items.iterator());

        assertThat(stopped).isEmpty();
        assertThat(target.batches).containsExactly(List.of("call_started", "call_ended"), List.of("call_analyzed"));
        assertThat(summary.count(ReplayOutcome.APPLIED)).isEqualTo(3);
        assertThat(summary.count(ReplaySummary.INPUT_ROW, ReplayOutcome.FAILED)).isEqualTo(1);
        assertThat(summary.firstErrors().get(0).describe()).isEqualTo("in.ndjson:2 (unreadable) failed: bad");
    }

    @Test
    void timestampOrderIsAppliedBeforeBatching() {
        RecordingTarget target = new RecordingTarget();
        RecordedEvent analyzed = new RecordedEvent("{\"event\":\"call_analyzed\",\"event_timestamp\":3}"
                .getBytes(StandardCharsets.UTF_8), null, Origin.ofLine("x", 1));
        RecordedEvent started = new RecordedEvent("{\"event\":\"call_started\",\"event_timestamp\":1}"
                .getBytes(StandardCharsets.UTF_8), null, Origin.ofLine("x", 2));

        new Replayer(target, null, summary, Progress.none(), EventOrder.TIMESTAMP, 0)
                .run(List.<InputItem>of(analyzed, started).iterator());

        assertThat(target.batches).containsExactly(List.of("call_started", "call_analyzed"));
    }

    @Test
    void whenTheTargetGoesAwayTheReplayStopsAndTheUnsentEventsOfTheBatchCountAsFailed() {
        RecordingTarget target = new RecordingTarget();
        target.failAfter = 3;
        List<InputItem> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(event("call_started", i));
        }

        Optional<TargetUnavailableException> stopped = new Replayer(target, null, summary, Progress.none(),
                EventOrder.FILE, 0).run(items.iterator());

        assertThat(stopped).isPresent();
        assertThat(target.batches).hasSize(2);
        assertThat(summary.count(ReplayOutcome.APPLIED)).isEqualTo(3);
        assertThat(summary.count(ReplayOutcome.FAILED)).isEqualTo(1);
        assertThat(summary.firstErrors().get(0).message()).isEqualTo("not replayed: could not reach the server");
    }

    @Test
    void eventsFailingVerificationAreRejectedAndNeverReachTheTarget() {
        RecordingTarget target = new RecordingTarget();
        SignatureGate gate = new SignatureGate(List.of("key"), null);

        new Replayer(target, gate, summary, Progress.none(), EventOrder.FILE, 0)
                .run(List.<InputItem>of(event("call_started", 1)).iterator());

        assertThat(target.batches).isEmpty();
        assertThat(summary.count("call_started", ReplayOutcome.REJECTED)).isEqualTo(1);
    }
}
