package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.http.support.Api;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's own configuration and nothing else (but ports, secrets and a data folder for this test): the embedded
 * PostgreSQL starts with the server, is migrated, stores what the webhook receives, and stops with the server (its data
 * stays on disk for the next start).
 */
class DefaultConfigurationTest {

    @TempDir
    Path dataDir;

    private DropwizardTestSupport<CallhookConfiguration> server() {
        return new DropwizardTestSupport<>(CallhookApplication.class, (String) null,
                ConfigOverride.randomPorts(),
                TestServers.freshSpool(),
                ConfigOverride.config("retell.apiKeys", TestServers.RETELL_KEY),
                ConfigOverride.config("api.token", TestServers.API_TOKEN),
                ConfigOverride.config("database.embeddedDataDir", dataDir.toString()));
    }

    @Test
    void embeddedDatabaseStartsWithTheServerMigratedAndStopsWithIt() throws Exception {
        DropwizardTestSupport<CallhookConfiguration> first = server();
        first.before();
        try {
            Api api = new Api(first::getLocalPort);
            HttpResponse<String> health = Http.get(first.getAdminPort(), "/healthcheck");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\":{\"healthy\":true",
                    "\"migrations\":{\"healthy\":true,\"message\":\"Schema 'public' is at version ");

            assertThat(api.deliver(Fixtures.CALL_STARTED).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    api.get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2").text("state")).isEqualTo("ongoing"));
        } finally {
            first.after();
        }
        assertThat(dataDir.resolve("PG_VERSION")).as("the cluster stays on disk").exists();
        assertThat(dataDir.resolve("postmaster.pid")).as("the embedded server stopped with callhook").doesNotExist();
    }
}
