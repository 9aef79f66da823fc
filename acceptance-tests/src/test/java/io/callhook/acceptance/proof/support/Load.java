package io.callhook.acceptance.proof.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.support.SignedWebhookClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Signed webhook traffic from many client threads, spread over several {@link ServerProcess}es as a load balancer
 * with sticky connections would: client thread {@code t} talks to server {@code t % servers} only, so each server sees
 * an equal share of the concurrency (no more requests at once than its connection pool serves, when the pool is sized
 * for it). Threads take the deliveries in list order, so copies placed next to each other are in flight at the same
 * time, on different servers. Every answer is recorded, and so is a request that
 * got none (connection refused or reset: {@link Sent#NO_ANSWER}), which is what a killed server gives; such a delivery
 * is sent on to the next server.
 */
public final class Load {

    private final List<ServerProcess> servers;
    private final List<SignedWebhookClient> clients;
    private final int threads;

    public Load(List<ServerProcess> servers, int threads) {
        this.servers = List.copyOf(servers);
        this.clients = this.servers.stream().map(ServerProcess::webhook).toList();
        this.threads = threads;
    }

    /** One webhook body to deliver; {@code label} names it in messages (e.g. call id and event). */
    public record Delivery(String label, byte[] body) {
    }

    /**
     * One delivery as it went.
     *
     * @param server index of the server it was sent to
     * @param status the HTTP status, or {@link #NO_ANSWER}
     */
    public record Sent(Delivery delivery, int server, int status) {

        public static final int NO_ANSWER = 0;

        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends every delivery once and returns when all are answered (or refused). */
    public List<Sent> sendAll(List<Delivery> deliveries) {
        Running running = start(deliveries);
        running.awaitDone(Duration.ofMinutes(10));
        return running.sent();
    }

    /** Starts sending in the background; the test acts while it runs and then {@link Running#stop() stops} it. */
    public Running start(List<Delivery> deliveries) {
        return new Running(List.copyOf(deliveries));
    }

    /**
     * Sends again, once each, whatever {@code earlier} never got acknowledged or never sent, as Retell retries; fails
     * the test unless every one is acknowledged (204) now. Returns the answers.
     */
    public List<Sent> resendUnacknowledged(Running earlier) {
        List<Delivery> again = earlier.neverAcknowledged();
        List<Sent> resent = sendAll(again);
        assertThat(statuses(resent)).as("answers to %d deliveries sent again", again.size())
                .isEqualTo(again.isEmpty() ? Map.of() : Map.of(204, (long) again.size()));
        return resent;
    }

    /** The labels of the deliveries some server acknowledged. */
    public static Set<String> acknowledgedLabels(List<Sent> sent) {
        return sent.stream().filter(Sent::acknowledged).map(s -> s.delivery().label()).collect(Collectors.toSet());
    }

    /** How many answers of each status, e.g. {@code {204=5900, 503=100}}. */
    public static Map<Integer, Long> statuses(List<Sent> sent) {
        return sent.stream().collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting()));
    }

    /** A load in progress. */
    public final class Running {

        private final List<Delivery> deliveries;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final CountDownLatch done;
        private final ExecutorService pool;

        private Running(List<Delivery> deliveries) {
            this.deliveries = deliveries;
            this.done = new CountDownLatch(threads);
            this.pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int server = t % servers.size();
                pool.execute(() -> work(server));
            }
            pool.shutdown();
        }

        private void work(int server) {
            try {
                int i;
                while (!stopped.get() && (i = next.getAndIncrement()) < deliveries.size()) {
                    Delivery delivery = deliveries.get(i);
                    // a request nobody answered goes to the next server, as a load balancer fails over from a dead
                    // backend; an answer, even 503, is final
                    for (int attempt = 0; attempt < servers.size(); attempt++) {
                        int target = (server + attempt) % servers.size();
                        int status = post(target, delivery);
                        sent.add(new Sent(delivery, target, status));
                        if (status != Sent.NO_ANSWER) {
                            break;
                        }
                    }
                }
            } finally {
                done.countDown();
            }
        }

        private int post(int server, Delivery delivery) {
            try {
                return clients.get(server).post(delivery.body()).status();
            } catch (RuntimeException noAnswer) {
                return Sent.NO_ANSWER; // refused, reset or timed out: the sender cannot know whether it was stored
            }
        }

        /** Answers so far (a copy); a delivery that failed over appears once per server tried. */
        public List<Sent> sent() {
            return new ArrayList<>(sent);
        }

        /** Answers so far with this status. */
        public long count(int status) {
            return sent.stream().filter(s -> s.status() == status).count();
        }

        public boolean isDone() {
            return done.getCount() == 0;
        }

        /** Waits until every delivery has been sent. */
        public void awaitDone(Duration atMost) {
            await("load of " + deliveries.size() + " deliveries").atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(this::isDone);
        }

        /** Sends nothing more; returns once the requests in flight are answered. */
        public List<Sent> stop() {
            stopped.set(true);
            try {
                if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                    throw new AssertionError("client threads still busy two minutes after stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return sent();
        }

        /**
         * What a sender must deliver again: whatever got no acknowledgement from any server (a 503, or no answer at
         * all), once each, and whatever was never sent because the load was stopped first.
         */
        public List<Delivery> neverAcknowledged() {
            List<Sent> all = sent();
            Set<Delivery> acknowledged = all.stream().filter(Sent::acknowledged).map(Sent::delivery)
                    .collect(Collectors.toSet());
            List<Delivery> again = new ArrayList<>(all.stream().map(Sent::delivery).distinct()
                    .filter(d -> !acknowledged.contains(d)).toList());
            again.addAll(unsent());
            return again;
        }

        /** The deliveries never sent because the load was stopped first. */
        public List<Delivery> unsent() {
            return deliveries.subList(Math.min(next.get(), deliveries.size()), deliveries.size());
        }
    }
}
