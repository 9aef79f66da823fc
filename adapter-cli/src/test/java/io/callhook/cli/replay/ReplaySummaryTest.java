package io.callhook.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.input.InputProblem;
import io.callhook.cli.input.Origin;
import io.callhook.core.port.in.IngestOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-09-21T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private ReplaySummary sampleRun() {
        ReplaySummary summary = new ReplaySummary(clock);
        summary.record("call_ended", ReplayOutcome.APPLIED);
        summary.record("call_started", ReplayOutcome.APPLIED);
        summary.record("call_started", ReplayOutcome.DUPLICATE);
        summary.record("chat_started", ReplayOutcome.IGNORED);
        summary.error(Origin.ofLine("calls.ndjson", 17), "call_analyzed", ReplayOutcome.REJECTED, "bad signature");
        summary.inputProblem(new InputProblem(Origin.ofElement("batch.json", 4, 3), "expected a JSON object, found a number"));
        clock.advance(Duration.ofMillis(2500));
        summary.finish();
        return summary;
    }

    @Test
    void countsPerEventTypeAndOutcome() {
        ReplaySummary summary = sampleRun();

        assertThat(summary.total()).isEqualTo(6);
        assertThat(summary.count(ReplayOutcome.APPLIED)).isEqualTo(2);
        assertThat(summary.count("call_started", ReplayOutcome.DUPLICATE)).isEqualTo(1);
        assertThat(summary.count(ReplaySummary.INPUT_ROW, ReplayOutcome.FAILED)).isEqualTo(1);
        assertThat(summary.eventTypes())
                .containsExactly("call_started", "chat_started", "call_ended", "call_analyzed", ReplaySummary.INPUT_ROW);
        assertThat(summary.elapsed()).isEqualTo(Duration.ofMillis(2500));
        assertThat(summary.eventsPerSecond()).isEqualTo(2.4);
    }

    @Test
    void rendersAnAlignedTableWithTheFirstErrors() {
        assertThat(sampleRun().renderText()).isEqualTo(String.join("\n",
                "event type     applied  duplicate  ignored  rejected  failed  total",
                "call_started         1          1        0         0       0      2",
                "chat_started         0          0        1         0       0      1",
                "call_ended           1          0        0         0       0      1",
                "call_analyzed        0          0        0         1       0      1",
                "(unreadable)         0          0        0         0       1      1",
                "total                2          1        1         1       1      6",
                "",
                "6 events in 2.50 s (2.4 events/s)",
                "",
                "Errors:",
                "  calls.ndjson:17 call_analyzed rejected: bad signature",
                "  batch.json[3] (unreadable) failed: expected a JSON object, found a number",
                ""));
    }

    @Test
    void rendersJsonWithTheSameFacts() throws Exception {
        ReplaySummary summary = sampleRun();
        summary.note("order", "shuffle");
        summary.note("seed", "42");

        JsonNode json = new ObjectMapper().readTree(summary.renderJson());

        assertThat(json.path("total").path("applied").asLong()).isEqualTo(2);
        assertThat(json.path("total").path("events").asLong()).isEqualTo(6);
        assertThat(json.path("byEventType").path("call_started").path("duplicate").asLong()).isEqualTo(1);
        assertThat(json.path("errorCount").asLong()).isEqualTo(2);
        assertThat(json.path("errors").get(0).path("origin").asText()).isEqualTo("calls.ndjson:17");
        assertThat(json.path("errors").get(0).path("line").asInt()).isEqualTo(17);
        assertThat(json.path("errors").get(0).has("index")).isFalse();
        assertThat(json.path("errors").get(1).path("index").asInt()).isEqualTo(3);
        assertThat(json.path("errors").get(1).path("outcome").asText()).isEqualTo("failed");
        assertThat(json.path("elapsedMillis").asLong()).isEqualTo(2500);
        assertThat(json.path("eventsPerSecond").asDouble()).isEqualTo(2.4);
        assertThat(json.path("notes").path("seed").asText()).isEqualTo("42");
    }

    @Test
    void keepsOnlyTheFirstErrorsButCountsThemAll() {
        ReplaySummary summary = new ReplaySummary(clock, 2);
        for (int line = 1; line <= 5; line++) {
            summary.error(Origin.ofLine("calls.ndjson", line), "call_ended", ReplayOutcome.FAILED, "boom " + line);
        }

        assertThat(summary.firstErrors()).extracting(ReplaySummary.ReplayError::message).containsExactly("boom 1", "boom 2");
        assertThat(summary.errorCount()).isEqualTo(5);
        assertThat(summary.renderText()).contains("First 2 of 5 errors:\n  calls.ndjson:1 call_ended failed: boom 1\n");
    }

    @Test
    void exitCodeIsZeroOnlyWhenNothingWasRejectedOrFailed() {
        ReplaySummary fine = new ReplaySummary(clock);
        fine.record("call_ended", ReplayOutcome.APPLIED);
        fine.record("call_ended", ReplayOutcome.DUPLICATE);
        fine.record("chat_ended", ReplayOutcome.IGNORED);

        assertThat(fine.exitCode()).isZero();
        assertThat(sampleRun().exitCode()).isEqualTo(1);
    }

    @Test
    void everyIngestOutcomeHasAColumn() {
        assertThat(List.of(
                ReplayOutcome.of(new IngestOutcome.Applied("call_ended", "call_1", List.of(), null)),
                ReplayOutcome.of(new IngestOutcome.Duplicate("call_ended", "call_1", null)),
                ReplayOutcome.of(new IngestOutcome.Ignored("chat_ended", null, "chat events are not tracked")),
                ReplayOutcome.of(new IngestOutcome.Rejected("call_ended", "call.call_id: missing")),
                ReplayOutcome.of(new IngestOutcome.Accepted("call_ended", "call_1", null))))
                .containsExactly(ReplayOutcome.APPLIED, ReplayOutcome.DUPLICATE, ReplayOutcome.IGNORED,
                        ReplayOutcome.REJECTED, ReplayOutcome.APPLIED);
        assertThat(IngestOutcome.class.getPermittedSubclasses()).hasSize(5);
    }

    @Test
    void anEmptyRunRendersZeros() {
        ReplaySummary summary = new ReplaySummary(clock);
        summary.finish();

        assertThat(summary.renderText()).startsWith("event type  applied").contains("total             0")
                .contains("0 events in 0.00 s (0.0 events/s)");
    }
}
