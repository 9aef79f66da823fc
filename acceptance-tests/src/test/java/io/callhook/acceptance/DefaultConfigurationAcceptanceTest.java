package io.callhook.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.support.Answer;
import io.callhook.acceptance.support.ServerJar;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellSigner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs with nothing but its jar: {@code java -jar callhook-server.jar server} with no configuration file
 * and no database starts an embedded PostgreSQL in {@code CALLHOOK_EMBEDDED_DATA_DIR}, serves signed webhooks and the
 * API, and stops cleanly; {@code check} validates the bundled configuration.
 *
 * <p>Needs the fat jar from {@code mvn package} (the reactor build makes it before this module's tests); skipped
 * when it is missing, e.g. when only this module is built.
 */
class DefaultConfigurationAcceptanceTest {

    private static final String KEY = "key_default_config_0a1b2c3d4e5f";
    private static final String TOKEN = "default-config-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path workDirectory;

    @BeforeEach
    void needsTheServerJar() {
        assumeThat(ServerJar.isBuilt())
                .as("%s is missing: build it with `mvn -B -q package -DskipTests` (skipping the default "
                        + "configuration tests)", ServerJar.JAR.toAbsolutePath().normalize())
                .isTrue();
    }

    @Test
    void jarAloneStartsWithAnEmbeddedDatabaseAndRecordsASignedEvent() throws Exception {
        int port = ServerJar.freePort();
        int adminPort = ServerJar.freePort();
        Path dataDirectory = workDirectory.resolve("pgdata");
        Map<String, String> environment = Map.of(
                "CALLHOOK_PORT", Integer.toString(port),
                "CALLHOOK_ADMIN_PORT", Integer.toString(adminPort),
                "CALLHOOK_EMBEDDED_DATA_DIR", dataDirectory.toString(),
                "RETELL_API_KEY", KEY,
                "CALLHOOK_API_TOKEN", TOKEN);

        try (ServerJar.Running server = ServerJar.start(workDirectory, environment, "server")) {
            // healthy: database reachable and migrated, signing key configured
            await("healthy server").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(ConnectException.class)
                    .until(() -> {
                        if (!server.process().isAlive()) {
                            throw new AssertionError("the server exited with " + server.process().exitValue()
                                    + "; output:\n" + server.output());
                        }
                        return get("http://localhost:" + adminPort + "/healthcheck", null).status() == 200;
                    });

            byte[] callEnded = RetellPayloads.fixture("02-outbound-call_ended.json");
            Answer delivered = explained(server, () -> send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/webhooks/retell"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("x-retell-signature", new RetellSigner(KEY).sign(callEnded, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(callEnded)).build()));
            assertThat(delivered.status()).as("webhook answer: %s\noutput:\n%s", delivered, server.output())
                    .isEqualTo(204);

            // applied behind the answer: read it back once the appliers got to it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Answer call = explained(server,
                        () -> get("http://localhost:" + port + "/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2", TOKEN));
                assertThat(call.status()).as("%s", call).isEqualTo(200);
                assertThat(call.json().path("call_id").asText()).isEqualTo("call_4e1b9c07d2a85f36e1c04b7a9d2");
                assertThat(call.json().path("state").asText()).isEqualTo("ended");
            });

            int exit = server.stop(60);
            assertThat(exit).as("exit code after SIGTERM; output:\n%s", server.output()).isIn(0, 143);
        }

        assertThat(dataDirectory.resolve("PG_VERSION")).as("the embedded cluster lives where configured").exists();
        assertThat(dataDirectory.resolve("postmaster.pid")).as("the embedded PostgreSQL was stopped").doesNotExist();
    }

    @Test
    void checkValidatesTheBundledConfiguration() {
        try (ServerJar.Running check = ServerJar.start(workDirectory, Map.of(), "check")) {
            assertThat(check.waitForExit(60)).as("output:\n%s", check.output()).isZero();
            assertThat(check.output()).contains("Configuration is OK");
        }
    }

    @Test
    void checkRefusesAnInvalidSettingFromTheEnvironment() {
        try (ServerJar.Running check = ServerJar.start(workDirectory, Map.of("CALLHOOK_MAX_BODY_BYTES", "0"), "check")) {
            assertThat(check.waitForExit(60)).as("output:\n%s", check.output()).isNotZero();
            assertThat(check.output()).contains("retell.maxBodyBytes");
        }
    }

    /** Runs an HTTP exchange with the server process; a failure carries the server's output. */
    private static Answer explained(ServerJar.Running server, Exchange exchange) {
        try {
            return exchange.run();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e + "; server output:\n" + server.output(), e);
        }
    }

    @FunctionalInterface
    private interface Exchange {
        Answer run() throws IOException, InterruptedException;
    }

    private static Answer get(String uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }
}
