package io.callhook.http.stream;

/**
 * A doorbell the activity listener rings and the streams wait on: each ring advances a generation, so a stream that
 * read the log after generation {@code g} wakes for any ring after it, even one that came while it was busy sending.
 */
final class Wakeup {

    private long generation;

    synchronized void ring() {
        generation++;
        notifyAll();
    }

    synchronized long generation() {
        return generation;
    }

    /** Waits until a ring after {@code seen}, or at most {@code millis}. */
    synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long remaining = millis;
        while (generation == seen && remaining > 0) {
            wait(remaining);
            remaining = (deadline - System.nanoTime()) / 1_000_000L;
        }
    }
}
