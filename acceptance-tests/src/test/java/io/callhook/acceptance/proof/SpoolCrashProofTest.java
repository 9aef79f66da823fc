package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.proof.support.ProofCluster;
import io.callhook.acceptance.proof.support.ServerProcess;
import io.callhook.core.retell.RetellPayloads;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spool survives SIGKILL: a server acknowledges deliveries from its spool while the database is cut, is killed
 * without warning, started again (still without its database, and taking more deliveries), and once the database is
 * back every delivery it ever acknowledged is in the inbox, once.
 */
class SpoolCrashProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final String PREFIX = "call_spoolcrash_";
    private static final int BEFORE_KILL = 30;
    private static final int AFTER_RESTART = 10;

    @Test
    void deliveriesSpooledBeforeAKillAreStoredOnceAfterTheRestartWhenTheDatabaseIsBack() {
        ServerProcess victim = cluster.server(0);
        cluster.databaseSwitch().switchOff();
        List<Integer> beforeKill = IntStream.range(0, BEFORE_KILL).mapToObj(n -> deliver(victim, n)).toList();
        assertThat(beforeKill).as("acknowledged from the spool").containsOnly(204).hasSize(BEFORE_KILL);
        assertThat(victim.metric("gauges", "callhook.spool.depth", "value")).isEqualTo(BEFORE_KILL);

        victim.kill();
        victim.start();
        await("restarted without its database").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> victim.metric("gauges", "callhook.spool.depth", "value") == BEFORE_KILL);
        List<Integer> afterRestart = IntStream.range(BEFORE_KILL, BEFORE_KILL + AFTER_RESTART)
                .mapToObj(n -> deliver(victim, n)).toList();
        assertThat(afterRestart).containsOnly(204).hasSize(AFTER_RESTART);
        cluster.databaseSwitch().switchOn();
        long back = System.nanoTime();

        await("every delivery stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> stored() == BEFORE_KILL + AFTER_RESTART);
        long toStore = Duration.ofNanos(System.nanoTime() - back).toMillis();
        victim.awaitHealthy();
        await("spool drained").atMost(Duration.ofSeconds(30))
                .until(() -> victim.metric("gauges", "callhook.spool.depth", "value") == 0);
        System.out.printf("spool crash proof: %d acknowledged, SIGKILL, restart, %d more acknowledged; %d stored"
                + " %d ms after the database came back%n", BEFORE_KILL, AFTER_RESTART, stored(), toStore);
        assertThat(stored()).isEqualTo(BEFORE_KILL + AFTER_RESTART);
    }

    private static int deliver(ServerProcess server, int n) {
        return server.webhook().post(RetellPayloads.callEvent("call_ended").callId(String.format("%s%04d", PREFIX, n))
                .disconnectionReason("user_hangup").durationMs(1_000).bytes()).status();
    }

    private static long stored() {
        return cluster.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_events WHERE call_id LIKE "
                + ":prefix").bind("prefix", PREFIX + "%").mapTo(Long.class).one());
    }
}
