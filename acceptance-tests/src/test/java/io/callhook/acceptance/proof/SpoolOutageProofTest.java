package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.proof.support.ProofCluster;
import io.callhook.acceptance.proof.support.ServerProcess;
import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.SignedWebhookClient;
import io.callhook.core.retell.RetellPayloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No event lost to a database outage: distinct {@code call_ended} events arrive at about 10 a second, spread over both
 * server processes, while the network to PostgreSQL is cut; the sender behaves like Retell (on an answer other than
 * 2xx, or none, it tries again 1 s later, 3 times at most, then gives up). Every event is acknowledged (kept in the
 * servers' spools during the cut), and within 60 s of the database coming back every one of them is in the inbox and
 * applied, none twice, the spools empty, with the same server processes (no restart).
 *
 * <p>Scale knob: {@code proof.spool.outage.seconds} (12 in the build; 30 or 120 for the full run).
 */
class SpoolOutageProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final int OUTAGE_SECONDS = Integer.getInteger("proof.spool.outage.seconds", 12);
    private static final long INTERVAL_MILLIS = 100; // ~10 events a second
    private static final int RETRIES = 3;
    private static final String PREFIX = "call_spoolproof_";

    private final ScheduledExecutorService sender = Executors.newScheduledThreadPool(16);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Map<String, Integer> outcome = new ConcurrentHashMap<>(); // call id -> final status (0: none)
    private final AtomicInteger firstTryAcknowledged = new AtomicInteger();

    @Test
    void everyEventArrivingDuringADatabaseCutIsStoredOnceAfterRecoveryWithoutARestart() {
        List<ServerProcess> servers = cluster.servers();
        List<Long> pids = servers.stream().map(ServerProcess::pid).toList();
        long spooledBefore = spooled(servers);
        ScheduledFuture<?> traffic = sender.scheduleAtFixedRate(this::sendNext, 0, INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        await("traffic flowing").atMost(Duration.ofSeconds(30)).until(() -> outcome.size() >= 20);

        cluster.databaseSwitch().switchOff();
        await("outage of " + OUTAGE_SECONDS + " s").during(Duration.ofSeconds(OUTAGE_SECONDS))
                .atMost(Duration.ofSeconds(OUTAGE_SECONDS + 30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> servers.stream().allMatch(ServerProcess::isAlive));
        int sentBeforeRecovery = sent.get();
        cluster.databaseSwitch().switchOn();
        long recovered = System.nanoTime();
        await("traffic after the outage").atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= sentBeforeRecovery + 20);
        traffic.cancel(false);
        int events = sent.get();
        await("every delivery answered or given up").atMost(Duration.ofSeconds(30))
                .until(() -> outcome.values().stream().filter(status -> status >= 0).count() == events);

        await("every event stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> storedRows() == events);
        Duration toStore = Duration.ofNanos(System.nanoTime() - recovered);
        await("spools drained").atMost(Duration.ofSeconds(30)).until(() -> servers.stream()
                .allMatch(server -> server.metric("gauges", "callhook.spool.depth", "value") == 0));
        await("every event applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> appliedRows() == events);
        sender.shutdownNow();

        long acknowledged = outcome.values().stream().filter(status -> status >= 200 && status < 300).count();
        long spooled = spooled(servers) - spooledBefore;
        long duplicates = cluster.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM (SELECT call_id FROM "
                + "webhook_events WHERE call_id LIKE :prefix GROUP BY call_id HAVING count(*) > 1) twice")
                .bind("prefix", PREFIX + "%").mapTo(Long.class).one());
        System.out.printf("spool outage proof: %d s cut, %d events sent (%d attempts), %d acknowledged (%d at the"
                        + " first try), %d spooled, %d stored, %d duplicates, all stored %d ms after the database came"
                        + " back; no restart%n", OUTAGE_SECONDS, events, attempts.get(), acknowledged,
                firstTryAcknowledged.get(), spooled, storedRows(), duplicates, toStore.toMillis());
        assertThat(acknowledged).as("acknowledged (Retell gave up on none)").isEqualTo(events);
        assertThat(storedRows()).as("events stored").isEqualTo(events);
        assertThat(duplicates).as("events stored twice").isZero();
        assertThat(spooled).as("kept in the spools during the cut").isPositive();
        assertThat(toStore).isLessThan(Duration.ofSeconds(60));
        assertThat(servers.stream().map(ServerProcess::pid).toList()).as("the same processes").isEqualTo(pids);
    }

    private void sendNext() {
        int n = sent.getAndIncrement();
        String callId = String.format("%s%06d", PREFIX, n);
        byte[] body = RetellPayloads.callEvent("call_ended").callId(callId).disconnectionReason("user_hangup")
                .durationMs(1_000).bytes();
        outcome.put(callId, -1);
        attempt(cluster.servers().get(n % 2).webhook(), callId, body, 0);
    }

    /** One attempt; on anything but 2xx, again 1 s later, {@value #RETRIES} times at most, as Retell does. */
    private void attempt(SignedWebhookClient webhook, String callId, byte[] body, int retry) {
        attempts.incrementAndGet();
        int status;
        try {
            Answer answer = webhook.post(body);
            status = answer.status();
        } catch (RuntimeException noAnswer) {
            status = 0;
        }
        if (status >= 200 && status < 300) {
            if (retry == 0) {
                firstTryAcknowledged.incrementAndGet();
            }
            outcome.put(callId, status);
        } else if (retry < RETRIES && !sender.isShutdown()) {
            sender.schedule(() -> attempt(webhook, callId, body, retry + 1), 1, TimeUnit.SECONDS);
        } else {
            outcome.put(callId, status);
        }
    }

    private static long storedRows() {
        return cluster.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_events WHERE call_id LIKE "
                + ":prefix").bind("prefix", PREFIX + "%").mapTo(Long.class).one());
    }

    private static long appliedRows() {
        return cluster.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_events WHERE call_id LIKE "
                + ":prefix AND status = 'applied'").bind("prefix", PREFIX + "%").mapTo(Long.class).one());
    }

    private static long spooled(List<ServerProcess> servers) {
        return servers.stream().mapToLong(server -> server.metric("meters", "callhook.spool.spooled", "count")).sum();
    }
}
