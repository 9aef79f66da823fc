package io.callhook.http.ingestion;

import java.time.Duration;

/**
 * Wakes idle appliers when new work may be there. A generation counter, so that a wake-up that comes while an applier
 * is busy is not lost: the applier notes the generation before it looks for work and waits only if it is unchanged.
 */
final class WakeUp {

    private final Object lock = new Object();
    private long generation;

    /** Wakes every waiting applier. */
    void signal() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    /** The current generation, to pass to {@link #await}. */
    long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Waits until a signal after {@code seen}, or at most {@code max}. */
    void await(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
