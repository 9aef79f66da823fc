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
import io.callhook.acceptance.support.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4, database outage: the network between both server processes and PostgreSQL is cut (every open connection
 * dropped, new ones refused) while campaign traffic flows, and restored later. While it is cut the servers keep
 * signed deliveries in their local spools and acknowledge them (204), and the health check says the database is down;
 * nothing acknowledged is lost: once it is back the servers recover by themselves, move every spooled delivery into the
 * inbox, and any event refused around the cut is taken when sent again.
 *
 * <p>Scale knobs: {@code proof.outage.seconds} (12 in the build; 30 for the full run), {@code proof.outage.calls}
 * (250; four events each), {@code proof.outage.threads} (4).
 */
class DatabaseOutageProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final int OUTAGE_SECONDS = Integer.getInteger("proof.outage.seconds", 12);
    private static final int CALLS = Integer.getInteger("proof.outage.calls", 250);
    private static final int THREADS = Integer.getInteger("proof.outage.threads", 4);

    @Test
    void databaseCutUnderLoadLosesNoAcknowledgedEventAndRecoversWithoutRestart() {
        String campaign = ProofTraffic.setUp(cluster.server(0).api(), CALLS);
        List<GeneratedCall> calls = ProofTraffic.outboundCalls(CALLS, 4L);
        List<Delivery> events = ProofTraffic.events(calls);
        Load.Running load = new Load(cluster.servers(), THREADS).start(events);
        await("traffic flowing").atMost(Duration.ofSeconds(60)).until(() -> load.count(204) >= events.size() / 10);

        cluster.databaseSwitch().switchOff();
        await("health checks report the outage").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.servers().stream().allMatch(DatabaseOutageProofTest::reportsDatabaseDown));
        // the health checks keep saying so for as long as the database is away, and deliveries keep being acknowledged
        long acknowledgedBefore = load.count(204);
        long spooledBefore = spooled();
        await("outage of " + OUTAGE_SECONDS + " s").during(Duration.ofSeconds(OUTAGE_SECONDS))
                .atMost(Duration.ofSeconds(OUTAGE_SECONDS + 30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cluster.servers().stream().allMatch(DatabaseOutageProofTest::reportsDatabaseDown));
        long acknowledgedDuringOutage = load.count(204) - acknowledgedBefore;
        long spooledDuringOutage = spooled() - spooledBefore;
        cluster.databaseSwitch().switchOn();

        ProofCluster.awaitHealthy(cluster.servers()); // the same processes: nobody restarted them
        List<Sent> sent = load.stop();
        Map<Integer, Long> statuses = Load.statuses(sent);
        // with the spool a 503 is rare (a failure other than an unreachable database, at the moment of the cut)
        assertThat(statuses.keySet()).as("only stored (204) or refused for a retry (503)").isSubsetOf(204, 503);
        assertThat(acknowledgedDuringOutage).as("deliveries acknowledged while the database was away").isPositive();
        assertThat(spooledDuringOutage).as("deliveries kept in the spools while the database was away").isPositive();

        // acknowledged during the cut means fsynced in a server's spool: the drainers move them into the inbox
        await("every acknowledged event stored").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Snapshot.storedEvents(cluster.jdbi())).containsAll(Load.acknowledgedLabels(sent)));
        await("spools drained").atMost(Duration.ofSeconds(30)).until(() -> cluster.servers().stream()
                .allMatch(server -> server.metric("gauges", "callhook.spool.depth", "value") == 0));

        // Retell sends the refused ones again (and the test sends what the load had not got to yet)
        List<Sent> resent = new Load(cluster.servers(), THREADS).resendUnacknowledged(load);

        await("every event applied once").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    ProofTraffic.assertCampaignAsPlanned(cluster.server(0).api(), cluster.jdbi(), campaign, calls);
                    assertThat(Snapshot.storedEvents(cluster.jdbi())).isEqualTo(labels(events));
                });
        System.out.printf("proof 4 (database outage): %d events, %d s cut under %d client threads: first pass %s"
                        + " (%d acknowledged from the spools during the cut, %d connections refused by the cut network),"
                        + " %d re-sent: %s; no restart%n", events.size(), OUTAGE_SECONDS, THREADS, statuses,
                spooledDuringOutage,
                cluster.databaseSwitch().refusedConnections(), resent.size(), Load.statuses(resent));
    }

    /** Deliveries both servers have kept in their spools so far. */
    private static long spooled() {
        return cluster.servers().stream().mapToLong(server -> server.metric("meters", "callhook.spool.spooled", "count"))
                .sum();
    }

    /** The admin health check answers 500 and names the database check as failing. */
    private static boolean reportsDatabaseDown(ServerProcess server) {
        Answer health = server.health();
        return health.status() == 500 && !health.json().path("database").path("healthy").asBoolean(true);
    }

    private static Set<String> labels(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::label).collect(Collectors.toSet());
    }
}
