package io.callhook.acceptance.proof.support;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.support.DatabaseSwitch;
import io.callhook.acceptance.support.ServerJar;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.db.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two callhook server processes ({@link ServerProcess}) sharing one PostgreSQL schema, as production runs them behind a
 * load balancer, with every database connection of both passing through one {@link DatabaseSwitch}, a TCP relay a test
 * can cut and restore:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProofCluster cluster = ProofCluster.shared();
 * }</pre>
 *
 * <p>Starting two JVMs costs more than most scenarios, so the proof classes share one cluster per test JVM: it starts
 * with the first class and stops (processes, switch, schema) when the JVM exits. Each class starts from empty tables,
 * with the switch on and both servers running and healthy (a scenario that killed one has restarted it). The schema
 * ({@link TestDatabase}) is migrated before the servers start. Needs the server's fat jar; the classes are skipped when
 * it has not been built (a module-only build).
 */
public final class ProofCluster implements BeforeAllCallback {

    private static final ProofCluster SHARED = new ProofCluster();

    private final TestDatabase database = TestDatabase.create();
    private final List<ServerProcess> servers = new ArrayList<>();
    private DatabaseSwitch databaseSwitch;

    private ProofCluster() {
    }

    /** The cluster of this JVM. */
    public static ProofCluster shared() {
        return SHARED;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        assumeThat(ServerJar.isBuilt())
                .as("%s is missing: build it with `mvn -B -q package -DskipTests`",
                        ServerJar.JAR.toAbsolutePath().normalize())
                .isTrue();
        if (servers.isEmpty()) {
            start();
        }
        databaseSwitch.switchOn();
        servers.stream().filter(server -> !server.isAlive()).forEach(ServerProcess::start);
        awaitHealthy(servers);
        truncateAll();
    }

    private void start() {
        databaseSwitch = DatabaseSwitch.inFrontOf(database.jdbcUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "proof-cluster-stop"));
        Path logs = Path.of("target", "proof-servers").toAbsolutePath();
        for (int i = 1; i <= 2; i++) {
            servers.add(new ServerProcess("server-" + i, logs.resolve("server-" + i), databaseSwitch.jdbcUrl(),
                    database.user(), database.password()).start());
        }
    }

    /** Waits for several servers at once (both start together, as after a deployment). */
    public static void awaitHealthy(List<ServerProcess> servers) {
        CompletableFuture.allOf(servers.stream()
                .map(server -> CompletableFuture.runAsync(server::awaitHealthy))
                .toArray(CompletableFuture[]::new)).join();
    }

    private synchronized void stop() {
        try {
            servers.forEach(ServerProcess::close);
        } finally {
            if (databaseSwitch != null) {
                databaseSwitch.close();
            }
            database.close();
        }
    }

    /**
     * Brings both servers to the state production traffic keeps them in, then empties the tables: bursts of
     * {@code concurrency} copies of a throw-away event until one burst is acknowledged in full. A burst on a cold
     * server makes its pool open dozens of PostgreSQL connections at once; on a CPU-starved machine some of those take
     * longer than the 3 s connect timeout and the request is answered 503 by design (Retell retries). That is
     * connection set-up, not what the load scenarios are about.
     */
    public void warmUp(int concurrency) {
        Load load = new Load(servers, concurrency);
        List<Load.Delivery> burst = java.util.Collections.nCopies(concurrency, new Load.Delivery("warm-up",
                RetellPayloads.callEvent("call_ended").callId("call_warm_up").bytes()));
        await("servers warm").atMost(Duration.ofMinutes(2))
                .until(() -> load.sendAll(burst).stream().allMatch(Load.Sent::acknowledged));
        truncateAll();
    }

    /** Server 0 or 1. */
    public ServerProcess server(int index) {
        return servers.get(index);
    }

    public List<ServerProcess> servers() {
        return List.copyOf(servers);
    }

    /** The shared schema, read directly by the test (not through the switch). */
    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** Empties every table, for a scenario that starts from a blank database. */
    public void truncateAll() {
        database.truncateAll();
    }

    /** The canonical end state of the shared schema. */
    public Snapshot snapshot() {
        return Snapshot.of(jdbi());
    }

    /** The switch between both servers and the database. */
    public DatabaseSwitch databaseSwitch() {
        return databaseSwitch;
    }
}
