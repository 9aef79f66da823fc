package io.callhook.acceptance.proof.support;

import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.ApiClient;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.ServerJar;
import io.callhook.acceptance.support.SignedWebhookClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One callhook server run as its own operating-system process, {@code java -jar callhook-server.jar server}, on fixed
 * free ports and an external database, configured only through environment variables as an operator would. It can be
 * killed without warning ({@link #kill()}: SIGKILL on Linux, no shutdown hook runs) and started again on the same
 * ports ({@link #start()}), which is what the crash scenario needs from a real process that an in-JVM server cannot
 * give. Its output (application and request log) goes to {@code server.log} in its work directory, kept after the
 * test for diagnosis.
 */
public final class ServerProcess implements AutoCloseable {

    /** Connections each server may hold; at most as many requests as this are sent to one server at once. */
    public static final int POOL_SIZE = 32;

    /** Where the server keeps deliveries during a database outage (the default, relative to its work directory). */
    public static final String SPOOL = "var/spool";

    private final String name;
    private final Path workDirectory;
    private final Map<String, String> environment;
    private final int port;
    private final int adminPort;
    private ServerJar.Running running;

    /**
     * @param jdbcUrl the database, with {@code currentSchema} for a test's schema; possibly through a
     *                {@link io.callhook.acceptance.support.DatabaseSwitch}
     */
    public ServerProcess(String name, Path workDirectory, String jdbcUrl, String user, String password) {
        this.name = name;
        this.workDirectory = workDirectory;
        this.port = ServerJar.freePort();
        this.adminPort = ServerJar.freePort();
        this.environment = Map.of(
                "CALLHOOK_PORT", Integer.toString(port),
                "CALLHOOK_ADMIN_PORT", Integer.toString(adminPort),
                "CALLHOOK_DATABASE_URL", jdbcUrl,
                "CALLHOOK_DATABASE_USER", user,
                "CALLHOOK_DATABASE_PASSWORD", password,
                "RETELL_API_KEY", CallhookServer.RETELL_API_KEY,
                "CALLHOOK_API_TOKEN", CallhookServer.API_TOKEN,
                // sized for the scenarios' concurrency (the duplicate storm keeps 32 requests in flight per server):
                // a request that waits more than 2 s for a connection is answered 503 by design, which would prove
                // nothing about ingestion
                "CALLHOOK_DATABASE_POOL_SIZE", Integer.toString(POOL_SIZE),
                // a killed server's claimed batches are taken over after this; the default (2 minutes) would make the
                // crash scenario wait that long for the rows the dead process held
                "CALLHOOK_APPLY_RECLAIM_AFTER", "10s");
        try {
            Files.createDirectories(workDirectory);
            // a spool left by an earlier test run would be drained into this run's schema; a restart keeps it
            deleteRecursively(workDirectory.resolve(SPOOL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The process id, which changes when the server is restarted. */
    public long pid() {
        return running.process().pid();
    }

    /**
     * A metric of the process from {@code GET /metrics} on the admin port: a gauge's value or a meter's count, e.g.
     * {@code metric("gauges", "callhook.spool.depth", "value")}.
     */
    public long metric(String kind, String name, String field) {
        return admin().get("/metrics").json().path(kind).path(name).path(field).asLong(-1);
    }

    /** Starts the process (again, after {@link #kill()}); returns at once, see {@link #awaitHealthy()}. */
    public synchronized ServerProcess start() {
        if (running != null && running.process().isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        running = ServerJar.start(workDirectory, environment, "server");
        return this;
    }

    /** Waits until every health check passes: database reachable and migrated, signing key present. */
    public void awaitHealthy() {
        await(name + " healthy").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> {
                    if (!running.process().isAlive()) {
                        throw new AssertionError(name + " exited with " + running.process().exitValue()
                                + "; output:\n" + running.output());
                    }
                    return health().status() == 200;
                });
    }

    /** {@code GET /healthcheck} on the admin port: 200 when every check passes, 500 naming the failing ones. */
    public Answer health() {
        return admin().get("/healthcheck");
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would; waits until the process is gone. */
    public void kill() {
        Process process = running.process();
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return running != null && running.process().isAlive();
    }

    /**
     * Signed webhook deliveries to this process. A post does not wait for its event to be applied: the proofs load the
     * servers concurrently and wait once, for {@link Snapshot#settled}, before they compare end states.
     */
    public SignedWebhookClient webhook() {
        return new SignedWebhookClient(baseUri(), CallhookServer.RETELL_API_KEY, () -> { });
    }

    /** The API with the right token. */
    public ApiClient api() {
        return new ApiClient(baseUri(), CallhookServer.API_TOKEN);
    }

    /** The admin port: health checks and metrics. */
    public ApiClient admin() {
        return new ApiClient("http://127.0.0.1:" + adminPort, null);
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** Everything the process printed, across restarts. */
    public String output() {
        return running == null ? "(never started)" : running.output();
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
        }
    }

    @Override
    public String toString() {
        return name + " (" + baseUri() + ", " + workDirectory + ")";
    }
}
