package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.proof.support.Load;
import io.callhook.acceptance.proof.support.Load.Delivery;
import io.callhook.acceptance.proof.support.Load.Sent;
import io.callhook.acceptance.proof.support.ProofCluster;
import io.callhook.acceptance.proof.support.ProofTraffic;
import io.callhook.acceptance.proof.support.ProofTraffic.GeneratedCall;
import io.callhook.acceptance.proof.support.Snapshot;
import io.callhook.acceptance.support.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3, concurrency at scale: one campaign's whole traffic, every event three times, shuffled, from 32 client
 * threads over two server processes on one database. Every delivery is acknowledged and the campaign ends exactly as
 * the generator planned it: each call counted once under its outcome, each contact closed by its one attempt.
 *
 * <p>Scale knobs (system properties): {@code proof.scale.calls} (four events a call: 200 in the build, 2,500, i.e.
 * 10,000 events, for the full run), {@code proof.scale.copies} (3), {@code proof.scale.threads} (32),
 * {@code proof.scale.seed}.
 */
class ConcurrencyAtScaleProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final int CALLS = Integer.getInteger("proof.scale.calls", 200);
    private static final int COPIES = Integer.getInteger("proof.scale.copies", 3);
    private static final int THREADS = Integer.getInteger("proof.scale.threads", 32);
    private static final long SEED = Long.getLong("proof.scale.seed", 20260921L);

    @Test
    void tripledShuffledCampaignTrafficOnTwoServersGivesExactCountersAndContactStates() {
        cluster.warmUp(THREADS);
        ApiClient api = cluster.server(0).api();
        String campaign = ProofTraffic.setUp(api, CALLS);
        List<GeneratedCall> calls = ProofTraffic.outboundCalls(CALLS, SEED);
        List<Delivery> events = ProofTraffic.events(calls);
        List<Delivery> deliveries = new ArrayList<>();
        events.forEach(event -> deliveries.addAll(Collections.nCopies(COPIES, event)));
        Collections.shuffle(deliveries, new Random(SEED));

        long started = System.nanoTime();
        List<Sent> sent = new Load(cluster.servers(), THREADS).sendAll(deliveries);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(Load.statuses(sent)).as("answers").isEqualTo(Map.of(204, (long) deliveries.size()));
        await("campaign complete and exact").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    ProofTraffic.assertCampaignAsPlanned(api, cluster.jdbi(), campaign, calls);
                    assertThat(api.get("/api/campaigns/" + campaign).json().path("status").asText())
                            .as("no contact left to call").isEqualTo("completed");
                    assertThat(Snapshot.inboxAttempts(cluster.jdbi()))
                            .as("one inbox row per distinct event, every copy counted")
                            .hasSize(events.size())
                            .allSatisfy((key, attempts) -> assertThat(attempts).as(key).isEqualTo(COPIES));
                });
        assertThat(cluster.snapshot().attempts()).as("one attempt per call").hasSize(CALLS);
        System.out.printf("proof 3 (concurrency at scale): %d calls, %d events, %d deliveries (%d duplicates) from %d"
                        + " threads over 2 servers in %d s (%.0f/s): %s%n", CALLS, events.size(), deliveries.size(),
                deliveries.size() - events.size(), THREADS, took.toSeconds(),
                deliveries.size() * 1e9 / took.toNanos(), Load.statuses(sent));
    }
}
