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
import io.callhook.acceptance.support.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2, duplicate storm: Retell's retries and a flapping network can put many copies of one event in flight at
 * once, on different servers. Each event of campaign and inbound calls arrives 64 times at once over both server
 * processes; every copy is acknowledged, and the database ends exactly as after one delivery of each: the same calls,
 * counters, contacts, attempts, notifications, activity entries and inbox rows (each counting its 64 deliveries).
 *
 * <p>Scale knobs: {@code proof.storm.calls} (12 in the build, 100 for the full run; a fifth of them inbound),
 * {@code proof.storm.copies} (64).
 */
class DuplicateStormProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final int CALLS = Integer.getInteger("proof.storm.calls", 12);
    private static final int COPIES = Integer.getInteger("proof.storm.copies", 64);

    @Test
    void sixtyFourConcurrentCopiesOfEveryEventAreAllAcknowledgedAndTakeEffectOnce() {
        int inbound = Math.max(1, CALLS / 5);
        int outbound = CALLS - inbound;
        List<GeneratedCall> calls = Stream.concat(ProofTraffic.outboundCalls(outbound, 64L).stream(),
                ProofTraffic.inboundCalls(inbound).stream()).toList();
        List<Delivery> events = ProofTraffic.events(calls);

        cluster.warmUp(COPIES);

        // what one delivery of each event, in order, leaves behind
        String campaign = ProofTraffic.setUp(cluster.server(0).api(), outbound);
        assertThat(Load.statuses(new Load(cluster.servers(), 1).sendAll(events)))
                .containsOnlyKeys(200, 204);
        Snapshot once = settledSnapshot(campaign, calls).withActivityReducedToCreations();

        cluster.truncateAll();
        campaign = ProofTraffic.setUp(cluster.server(0).api(), outbound);
        List<Delivery> storm = new ArrayList<>();
        events.forEach(event -> storm.addAll(Collections.nCopies(COPIES, event)));
        long started = System.nanoTime();
        List<Sent> sent = new Load(cluster.servers(), COPIES).sendAll(storm);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sent).as("every copy acknowledged").allSatisfy(s -> assertThat(s.status())
                .as(s.delivery().label()).isEqualTo(s.delivery().label().endsWith("/call_inbound") ? 200 : 204));
        assertThat(sent).hasSize(storm.size());
        Snapshot afterStorm = settledSnapshot(campaign, calls);
        assertThat(afterStorm.withActivityReducedToCreations().differencesFrom(once))
                .as("state after the storm against one delivery of each").isEmpty();
        assertThat(afterStorm.activity()).as("no copy adds to the activity trail").doesNotHaveDuplicates();
        assertThat(once.notifications()).as("one per user and inbound call")
                .hasSize(inbound * ProofTraffic.USERS.size());
        assertThat(Snapshot.inboxAttempts(cluster.jdbi())).as("one inbox row per event, counting every copy")
                .hasSize(events.size())
                .allSatisfy((key, attempts) -> assertThat(attempts).as(key).isEqualTo(COPIES));
        System.out.printf("proof 2 (duplicate storm): %d calls (%d inbound), %d events, %d copies each: %d requests"
                        + " (%d duplicates) over 2 servers in %d s: %s; %d rows compared%n", CALLS, inbound,
                events.size(), COPIES, storm.size(), storm.size() - events.size(), took.toSeconds(),
                Load.statuses(sent), once.size());
    }

    /** The snapshot once every delivery is dealt with and the counters are what the calls make them. */
    private static Snapshot settledSnapshot(String campaign, List<GeneratedCall> calls) {
        Map<String, Long> counters = ProofTraffic.expectedCounters(calls);
        await("all deliveries applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(Snapshot.settled(cluster.jdbi())).as("nothing left to apply").isTrue();
                    assertThat(Views.counters(cluster.server(1).api().get("/api/campaigns/" + campaign).json()))
                            .isEqualTo(counters);
                });
        return cluster.snapshot();
    }
}
