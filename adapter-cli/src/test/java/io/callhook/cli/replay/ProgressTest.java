package io.callhook.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final StringWriter out = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void withoutATerminalPlainLinesArePrintedAtMostOncePerInterval() {
        LineProgress progress = new LineProgress(new PrintWriter(out), 100_000, Duration.ofSeconds(5), nanos::get);

        progress.advance(1000);                        // t = 0: too early
        nanos.set(Duration.ofSeconds(4).toNanos());
        progress.advance(4000);                        // t = 4 s: too early
        nanos.set(Duration.ofSeconds(5).toNanos());
        progress.advance(1170);                        // t = 5 s: print
        nanos.set(Duration.ofSeconds(6).toNanos());
        progress.advance(1000);                        // t = 6 s: too early again
        progress.close();

        assertThat(out.toString()).isEqualTo("replayed 6170/100000 events (1234/s)" + System.lineSeparator());
    }

    @Test
    void anUnknownTotalIsLeftOut() {
        LineProgress progress = new LineProgress(new PrintWriter(out), -1, Duration.ofSeconds(1), nanos::get);
        nanos.set(Duration.ofSeconds(2).toNanos());

        progress.advance(10);

        assertThat(out.toString()).startsWith("replayed 10 events (5/s)");
    }

    @Test
    void quietShowsNothing() {
        try (Progress progress = Progress.create(true, false, System.err, new PrintWriter(out), 10)) {
            progress.step();
            progress.expect(20);
        }

        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withoutATerminalTheLineDisplayIsChosen() {
        assertThat(Progress.create(false, false, System.err, new PrintWriter(out), 10)).isInstanceOf(LineProgress.class);
    }
}
