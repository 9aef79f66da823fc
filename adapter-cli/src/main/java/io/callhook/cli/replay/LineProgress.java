package io.callhook.cli.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Prints {@code replayed 5000/100000 events (1234/s)} at most once per interval: for logs, where a bar would be noise. */
public final class LineProgress implements Progress {

    private final PrintWriter out;
    private final String verb;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastPrintNanos;
    private long done;
    private long total;

    /**
     * @param out      where lines go
     * @param total    expected events, {@code -1} if unknown
     * @param interval minimum time between lines
     * @param nanoTime time source, {@code System::nanoTime} outside tests
     */
    public LineProgress(PrintWriter out, long total, Duration interval, LongSupplier nanoTime) {
        this(out, "replayed", total, interval, nanoTime);
    }

    /** As above, with the verb that starts each line (e.g. {@code sent}). */
    public LineProgress(PrintWriter out, String verb, long total, Duration interval, LongSupplier nanoTime) {
        this.verb = verb;
        this.out = out;
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    @Override
    public synchronized void advance(long n) {
        done += n;
        long now = nanoTime.getAsLong();
        if (now - lastPrintNanos >= intervalNanos) {
            lastPrintNanos = now;
            out.println(line(now));
            out.flush();
        }
    }

    @Override
    public synchronized void expect(long total) {
        this.total = total;
    }

    @Override
    public void close() {
        // the summary follows; a last progress line would only repeat it
    }

    private String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        long rate = seconds <= 0 ? 0 : Math.round(done / seconds);
        String count = total >= 0 ? done + "/" + total : Long.toString(done);
        return String.format(Locale.ROOT, "%s %s events (%d/s)", verb, count, rate);
    }
}
