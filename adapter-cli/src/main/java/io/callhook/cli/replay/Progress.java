package io.callhook.cli.replay;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress of a long replay, on stderr: a progress bar on a terminal, a plain line every few seconds otherwise (logs,
 * CI), nothing with {@code --quiet}. Safe to call from several threads.
 */
public interface Progress extends AutoCloseable {

    /** How often {@link LineProgress} prints when not on a terminal. */
    Duration LINE_INTERVAL = Duration.ofSeconds(5);

    /** {@code n} more events were replayed. */
    void advance(long n);

    /** One more event was replayed. */
    default void step() {
        advance(1);
    }

    /** The total became known (e.g. after reading everything for {@code --order timestamp}); {@code -1} = unknown. */
    void expect(long total);

    /** Ends the display (the summary follows). */
    @Override
    void close();

    /** Shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void advance(long n) {
            }

            @Override
            public void expect(long total) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Chooses the display.
     *
     * @param quiet       {@code --quiet}: show nothing
     * @param interactive whether stderr is a terminal ({@code System.console() != null})
     * @param terminal    where the bar is drawn when interactive (the real stderr)
     * @param lines       where plain lines go otherwise
     * @param total       events expected, or {@code -1} when unknown
     */
    static Progress create(boolean quiet, boolean interactive, PrintStream terminal, PrintWriter lines, long total) {
        return create("replay", "replayed", quiet, interactive, terminal, lines, total);
    }

    /** As above for another task than a replay: {@code task} names the bar, {@code verb} starts each plain line. */
    static Progress create(String task, String verb, boolean quiet, boolean interactive, PrintStream terminal,
                           PrintWriter lines, long total) {
        if (quiet) {
            return none();
        }
        if (interactive) {
            return new TerminalProgress(terminal, task, total);
        }
        return new LineProgress(lines, verb, total, LINE_INTERVAL, System::nanoTime);
    }
}
