package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.http.support.Api;
import io.callhook.http.support.Api.Answer;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production server pointed at a PostgreSQL that is not there: it still starts, keeps verified webhooks in its
 * local spool (fsynced) and acknowledges them, answers the API 503, and its health checks say why.
 */
class DatabaseDownTest {

    private static final int NOTHING_LISTENS = unusedPort();

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = new DropwizardAppExtension<>(
            CallhookApplication.class, null,
            ConfigOverride.randomPorts(),
            TestServers.freshSpool(),
            ConfigOverride.config("retell.apiKeys", TestServers.RETELL_KEY),
            ConfigOverride.config("api.token", TestServers.API_TOKEN),
            ConfigOverride.config("database.url", "jdbc:postgresql://127.0.0.1:" + NOTHING_LISTENS + "/callhook"),
            ConfigOverride.config("database.user", "callhook"));

    private static final Api API = new Api(APP::getLocalPort);

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void signedWebhookIsKeptInTheSpoolAndAnswered204Quickly() {
        long spooled = APP.getEnvironment().metrics().meter("callhook.spool.spooled").getCount();
        long failures = APP.getEnvironment().metrics().meter("callhook.webhook.ingest_failures").getCount();
        long start = System.nanoTime();

        Answer answer = API.deliver(Fixtures.CALL_ENDED);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer.status()).isEqualTo(204);
        assertThat(APP.getEnvironment().metrics().meter("callhook.spool.spooled").getCount()).isEqualTo(spooled + 1);
        assertThat(APP.getEnvironment().metrics().meter("callhook.webhook.ingest_failures").getCount())
                .isEqualTo(failures);
    }

    @Test
    void inboundCallWebhookIsSpooledAndAnsweredWithoutADecisionSoTheNumbersOwnAgentAnswers() {
        Answer answer = API.deliver(Fixtures.CALL_INBOUND);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"call_inbound\":{}}");
    }

    @Test
    void apiAnswers503WithoutInternals() {
        Answer answer = API.get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("error")).isEqualTo("unavailable");
        assertThat(answer.text("message")).startsWith("The database is temporarily unavailable; try again later.");
    }

    @Test
    void databaseAndMigrationHealthChecksAreUnhealthy() {
        HttpResponse<String> health = Http.get(APP.getAdminPort(), "/healthcheck");

        assertThat(health.statusCode()).isEqualTo(500);
        assertThat(health.body())
                .contains("\"database\":{\"healthy\":false,\"message\":\"The database cannot be reached: ")
                .contains("\"migrations\":{\"healthy\":false,\"message\":\"The migration state cannot be read: the"
                        + " database cannot be reached\"")
                .contains("\"signing-key\":{\"healthy\":true")
                .contains("\"spool\":{\"healthy\":true");
    }
}
