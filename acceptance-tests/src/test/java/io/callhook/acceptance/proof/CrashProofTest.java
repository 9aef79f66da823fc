package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.proof.support.Load;
import io.callhook.acceptance.proof.support.Load.Delivery;
import io.callhook.acceptance.proof.support.Load.Sent;
import io.callhook.acceptance.proof.support.ProofCluster;
import io.callhook.acceptance.proof.support.ProofTraffic;
import io.callhook.acceptance.proof.support.ProofTraffic.GeneratedCall;
import io.callhook.acceptance.proof.support.ServerProcess;
import io.callhook.acceptance.proof.support.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5, crash: one of the two server processes is killed with SIGKILL (no shutdown hook, transactions cut
 * mid-flight) while campaign traffic flows through both, and started again. The requests it never answered fail over
 * to its twin, as behind a load balancer; every acknowledged event is stored; whatever was never acknowledged is sent
 * again, as Retell does; and in the end every event counts exactly once: one inbox row each, one attempt per call,
 * exact counters and contact states.
 *
 * <p>Scale knobs: {@code proof.crash.calls} (150; four events each), {@code proof.crash.threads} (16).
 */
class CrashProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final int CALLS = Integer.getInteger("proof.crash.calls", 150);
    private static final int THREADS = Integer.getInteger("proof.crash.threads", 16);

    @Test
    void serverKilledUnderLoadKeepsEveryAcknowledgedEventExactlyOnceAfterRestart() {
        String campaign = ProofTraffic.setUp(cluster.server(0).api(), CALLS);
        List<GeneratedCall> calls = ProofTraffic.outboundCalls(CALLS, 5L);
        List<Delivery> events = ProofTraffic.events(calls);
        ServerProcess victim = cluster.server(0);
        Load.Running load = new Load(cluster.servers(), THREADS).start(events);
        await("traffic flowing").atMost(Duration.ofSeconds(60)).until(() -> load.count(204) >= events.size() / 4);

        victim.kill();
        long acknowledgedAtKill = load.count(204);
        victim.start();
        victim.awaitHealthy();
        List<Sent> sent = load.stop();

        Map<Integer, Long> statuses = Load.statuses(sent);
        assertThat(statuses).as("stored (204) or no answer from the killed server").containsOnlyKeys(204,
                Sent.NO_ANSWER);
        assertThat(sent).filteredOn(s -> s.status() == Sent.NO_ANSWER).as("only the killed server left requests"
                + " unanswered").allSatisfy(s -> assertThat(s.server()).isZero());
        // stored durably before it was acknowledged; waited for all the same, in case an ingestion keeps its durable
        // record elsewhere and fills the inbox behind it
        await("every acknowledged event stored").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Snapshot.storedEvents(cluster.jdbi())).containsAll(Load.acknowledgedLabels(sent)));

        // what got no answer from the killed server went on to its twin; anything still unacknowledged is sent again
        List<Sent> resent = new Load(cluster.servers(), THREADS).resendUnacknowledged(load);

        await("every event applied exactly once").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    ProofTraffic.assertCampaignAsPlanned(victim.api(), cluster.jdbi(), campaign, calls);
                    Snapshot state = cluster.snapshot();
                    assertThat(state.inbox()).as("one inbox row per event").hasSize(events.size());
                    assertThat(state.calls()).hasSize(CALLS);
                    assertThat(state.attempts()).as("one attempt per call").hasSize(CALLS);
                });
        System.out.printf("proof 5 (crash): %d events over %d client threads, server-1 killed (SIGKILL) after %d"
                        + " acknowledgements and restarted: %d requests %s (unanswered ones failed over to server-2),"
                        + " %d re-sent: %s%n", events.size(), THREADS, acknowledgedAtKill, sent.size(), statuses,
                resent.size(), Load.statuses(resent));
    }
}
