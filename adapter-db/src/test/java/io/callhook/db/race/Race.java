package io.callhook.db.race;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs work on several threads that are released together by a {@link CyclicBarrier}, so that they really race, and
 * collects every result and every failure instead of stopping at the first. Bounded in time: a race that has not
 * finished after {@link #TIMEOUT} fails the test; its threads take no more work, and the transactions under way are
 * given time to end so that the teardown does not race them.
 */
final class Race {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Race() {
    }

    /** What came out of a race: results in no particular order, and whatever was thrown. */
    record Results<R>(List<R> results, List<Throwable> failures) {

        /** Failures as one readable string (first few stack heads), for assertion messages. */
        String describeFailures() {
            StringBuilder text = new StringBuilder(failures.size() + " failures");
            failures.stream().limit(5).forEach(f -> {
                text.append("\n  ").append(f);
                for (Throwable cause = f.getCause(); cause != null && cause != cause.getCause();
                     cause = cause.getCause()) {
                    text.append("\n    caused by ").append(cause);
                }
            });
            return text.toString();
        }
    }

    /** {@code threads} threads each run {@code task} once, all released at the same instant. */
    static <R> Results<R> atOnce(int threads, Function<Integer, R> task) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            indexes.add(i);
        }
        return drain(threads, indexes, task);
    }

    /**
     * {@code threads} threads, released together, take the items off a shared queue in list order and apply
     * {@code task} to each, until none is left.
     */
    static <T, R> Results<R> drain(int threads, List<T> items, Function<T, R> task) {
        List<R> results = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "race-" + System.identityHashCode(runnable));
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    awaitStart(start);
                    for (int i = next.getAndIncrement(); i < items.size() && !stop.get(); i = next.getAndIncrement()) {
                        try {
                            results.add(task.apply(items.get(i)));
                        } catch (RuntimeException | Error e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (Future<?> worker : workers) {
                worker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            stop.set(true);
            awaitStop(pool);
            throw new AssertionError("race did not finish within " + TIMEOUT + " (" + results.size() + " of "
                    + items.size() + " done, " + failures.size() + " failed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the race", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a racing thread died", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Results<>(List.copyOf(results), List.copyOf(failures));
    }

    /** Lets the transactions still under way end before the test's teardown drops their schema. */
    private static void awaitStop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitStart(CyclicBarrier start) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        start.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
