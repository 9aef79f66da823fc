package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.tasks.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the server writes about a delivery: the request log never carries bodies or secrets; log lines carry call_id. */
class LogLinesTest {

    private static final FakeIngest INGEST = new FakeIngest();
    private static final Path DIR = createTempDir();
    private static final Path REQUEST_LOG = DIR.resolve("requests.log");
    private static final Path APPLICATION_LOG = DIR.resolve("application.log");

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.configured(INGEST,
            ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()),
            ConfigOverride.config("server.requestLog.appenders[0].archive", "false"),
            ConfigOverride.config("logging.appenders[0].type", "file"),
            ConfigOverride.config("logging.appenders[0].currentLogFilename", APPLICATION_LOG.toString()),
            ConfigOverride.config("logging.appenders[0].archive", "false"),
            // the spool is off, so a failure to store is answered 503 and logged as such
            ConfigOverride.config("spool.maxBytes", "0"))
            .addListener(new DropwizardAppExtension.ServiceListener<>() {
                @Override
                public void onRun(CallhookConfiguration configuration, Environment environment,
                                  DropwizardAppExtension<CallhookConfiguration> rule) {
                    environment.admin().addTask(new Task("explode") {
                        @Override
                        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
                            throw new IllegalStateException("task failed for +14155550188");
                        }
                    });
                }
            });

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("callhook-logs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void requestLogShowsTheRequestLineButNeitherBodyNorSignatureNorToken() {
        byte[] body = Fixtures.bytes(Fixtures.CALL_STARTED);
        String signature = Fixtures.sign(body);

        Http.post(APP.getLocalPort(), "/webhooks/retell?probe=1", body, "X-Retell-Signature", signature);
        Http.get(APP.getLocalPort(), "/api/ping?probe=2", "Authorization", "Bearer " + TestServers.API_TOKEN);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(REQUEST_LOG))
                .contains("\"POST /webhooks/retell?probe=1 HTTP/1.1\" 204")
                .contains("\"GET /api/ping?probe=2 HTTP/1.1\" 200"));
        String requestLog = read(REQUEST_LOG);
        assertThat(requestLog).doesNotContain(signature, signature.substring(signature.indexOf("d=") + 2),
                TestServers.API_TOKEN, "call_4e1b9c07d2a85f36e1c04b7a9d2", "\"event\"");
    }

    @Test
    void failureToStoreIsLoggedWithTheCallId() {
        INGEST.fails(new PersistenceUnavailableException("database is down", null));
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);

        Http.post(APP.getLocalPort(), "/webhooks/retell", body, "X-Retell-Signature", Fixtures.sign(body));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(APPLICATION_LOG))
                .containsPattern("ERROR .*Could not store a webhook delivery.* call_id=call_4e1b9c07d2a85f36e1c04b7a9d2"));
    }

    @Test
    void failureToStoreIsLoggedWithoutTheBoundValuesTheDatabaseErrorQuotes() {
        INGEST.fails(new PersistenceUnavailableException("statement failed", new java.sql.SQLException(
                "INSERT INTO calls ... arguments:{from_number:+14155550199, transcript:Hello Maria Lopez}", "08006")));
        byte[] body = Fixtures.bytes(Fixtures.CALL_ENDED);

        Http.post(APP.getLocalPort(), "/webhooks/retell", body, "X-Retell-Signature", Fixtures.sign(body));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(APPLICATION_LOG))
                .contains("PersistenceUnavailableException <- SQLException [SQLState 08006: connection exception]"));
        assertThat(read(APPLICATION_LOG)).doesNotContain("+14155550199", "Maria Lopez", "INSERT INTO");
    }

    @Test
    void aFailingAdminTaskAnswersWithoutItsStackTraceOrMessage() {
        HttpResponse<String> response = Http.post(APP.getAdminPort(), "/tasks/explode", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":\"internal_error\"")
                .doesNotContain("+14155550188", "Exception", "\tat ");
    }
}
