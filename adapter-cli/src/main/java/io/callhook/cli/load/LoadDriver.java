package io.callhook.cli.load;

import io.callhook.cli.http.WebhookPoster;
import io.callhook.cli.replay.Progress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends pre-signed deliveries to a webhook URL for a warm-up and then a measured duration, closed-loop or open-loop (see
 * {@link LoadMode}), and records the measured part: latency in an HdrHistogram (microsecond resolution), answers by
 * status. Deliveries are sent in list order, each once; a run ends early when they run out.
 */
public final class LoadDriver {

    /** Open loop: at most this many deliveries awaiting an answer; beyond it the sender waits (latency still counts). */
    static final int MAX_IN_FLIGHT = 2048;

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;

    /**
     * @param url     the webhook endpoint
     * @param timeout how long one delivery may wait for its answer before it counts as {@link LoadResult#NO_ANSWER}
     * @throws IllegalArgumentException when {@code url} is not an http(s) URL with a host
     */
    public LoadDriver(URI url, Duration timeout) {
        this.url = WebhookPoster.requireHttpUrl(Objects.requireNonNull(url, "url"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Runs the load; {@code progress} advances by one per answered delivery, warm-up included. */
    public LoadResult run(List<SignedDelivery> deliveries, LoadMode mode, Duration warmup, Duration duration,
                          Progress progress) throws InterruptedException {
        Run run = new Run(deliveries, mode, warmup, duration, progress);
        if (mode instanceof LoadMode.ClosedLoop closed) {
            run.closedLoop(closed.connections());
        } else if (mode instanceof LoadMode.OpenLoop open) {
            run.openLoop(open.ratePerSecond());
        }
        return run.result();
    }

    private HttpRequest request(SignedDelivery delivery) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookPoster.SIGNATURE_HEADER, delivery.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
    }

    /** The state of one run. */
    private final class Run {
        private final List<SignedDelivery> deliveries;
        private final LoadMode mode;
        private final Progress progress;
        private final long startNanos;
        private final long measureFromNanos;
        private final long endNanos;
        private final Histogram micros = new ConcurrentHistogram(3);
        private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder measured = new LongAdder();
        private final AtomicLong lastAnswerNanos = new AtomicLong();
        private final AtomicBoolean ranOut = new AtomicBoolean();

        Run(List<SignedDelivery> deliveries, LoadMode mode, Duration warmup, Duration duration, Progress progress) {
            this.deliveries = List.copyOf(deliveries);
            this.mode = mode;
            this.progress = progress;
            this.startNanos = System.nanoTime();
            this.measureFromNanos = startNanos + warmup.toNanos();
            this.endNanos = measureFromNanos + duration.toNanos();
            this.lastAnswerNanos.set(measureFromNanos);
        }

        void closedLoop(int connections) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(connections, daemon("callhook-load-"));
            try {
                for (int c = 0; c < connections; c++) {
                    senders.execute(() -> {
                        while (System.nanoTime() < endNanos && !Thread.currentThread().isInterrupted()) {
                            int i = next.getAndIncrement();
                            if (i >= deliveries.size()) {
                                ranOut.set(true);
                                return;
                            }
                            long sent = System.nanoTime();
                            String status;
                            try {
                                status = Integer.toString(client.send(request(deliveries.get(i)),
                                        HttpResponse.BodyHandlers.discarding()).statusCode());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            } catch (java.io.IOException e) {
                                status = LoadResult.NO_ANSWER;
                            }
                            answered(sent, status);
                        }
                    });
                }
            } finally {
                senders.shutdown();
                // each sender stops after its in-flight delivery: at most one timeout past the end
                if (!senders.awaitTermination(remainingNanos() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(5),
                        TimeUnit.NANOSECONDS)) {
                    senders.shutdownNow();
                }
            }
        }

        void openLoop(double ratePerSecond) throws InterruptedException {
            double intervalNanos = 1e9 / ratePerSecond;
            Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
            for (long i = 0; ; i++) {
                long scheduled = startNanos + Math.round(i * intervalNanos);
                if (scheduled >= endNanos) {
                    break;
                }
                if (i >= deliveries.size()) {
                    ranOut.set(true);
                    break;
                }
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                inFlight.acquire();
                CompletableFuture<HttpResponse<Void>> answer =
                        client.sendAsync(request(deliveries.get((int) i)), HttpResponse.BodyHandlers.discarding());
                answer.whenComplete((response, failure) -> {
                    try {
                        answered(scheduled,
                                failure == null ? Integer.toString(response.statusCode()) : LoadResult.NO_ANSWER);
                    } finally {
                        // released only once recorded: the run's result is read as soon as every permit is back
                        inFlight.release();
                    }
                });
            }
            // wait for the last answers (each ends with its timeout at the latest)
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, timeout.toNanos() + TimeUnit.SECONDS.toNanos(5),
                    TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("deliveries still unanswered after their timeout");
            }
        }

        /**
         * @param from when the delivery was sent (closed loop) or due (open loop): its latency starts here, and it is
         *             measured when this is after the warm-up
         */
        private void answered(long from, String status) {
            long now = System.nanoTime();
            progress.step();
            if (from < measureFromNanos) {
                return;
            }
            micros.recordValue(Math.max(0, (now - from) / 1_000));
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            measured.increment();
            lastAnswerNanos.accumulateAndGet(now, Math::max);
        }

        private long remainingNanos() {
            return Math.max(0, endNanos - System.nanoTime());
        }

        LoadResult result() {
            SortedMap<String, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            long events = measured.sum();
            LoadResult.Latency latency = events == 0 ? LoadResult.Latency.NONE : new LoadResult.Latency(
                    millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(90)),
                    millis(micros.getValueAtPercentile(99)), millis(micros.getValueAtPercentile(99.9)),
                    millis(micros.getMaxValue()));
            double seconds = (lastAnswerNanos.get() - measureFromNanos) / 1e9;
            return new LoadResult(mode, events, seconds, counts, latency, ranOut.get());
        }
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
