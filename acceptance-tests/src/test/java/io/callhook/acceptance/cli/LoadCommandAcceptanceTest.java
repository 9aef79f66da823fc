package io.callhook.acceptance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.cli.CallhookCli;
import io.callhook.cli.CliEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callhook load} against the real server on a random port, briefly and with few deliveries, so that every count
 * in its summary can be checked exactly against what the server stored.
 */
class LoadCommandAcceptanceTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void blankDatabase() {
        server.truncateAll();
    }

    /** What one in-process run printed and returned. */
    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Run callhook(String key, String... args) {
        Map<String, String> variables = new HashMap<>();
        variables.put("RETELL_API_KEY", key);
        variables.put("CALLHOOK_DATABASE_URL", server.database().jdbcUrl());
        variables.put("CALLHOOK_DATABASE_USER", server.database().user());
        if (!server.database().password().isEmpty()) {
            variables.put("CALLHOOK_DATABASE_PASSWORD", server.database().password());
        }
        CliEnvironment environment = new CliEnvironment(variables, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
                false, System.err);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CallhookCli.commandLine(environment).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run load(String key, String... args) {
        // a generous timeout: these tests count answers, and a cold server on a busy machine may take seconds for one
        List<String> all = new java.util.ArrayList<>(List.of("load", "--url", server.baseUri() + "/webhooks/retell",
                "--warmup", "0", "--timeout", "60", "--output", "json"));
        all.addAll(List.of(args));
        return callhook(key, all.toArray(String[]::new));
    }

    @Test
    void closedLoopSendsEveryPreparedDeliveryOnceAndCountsTheAnswers() throws IOException {
        Run run = load(CallhookServer.RETELL_API_KEY, "--connections", "3", "--calls", "20", "--duration", "120");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = run.json();
        assertThat(summary.get("mode").asText()).isEqualTo("closed");
        assertThat(summary.get("events").asLong()).isEqualTo(60);
        assertThat(summary.get("status")).isEqualTo(JSON.readTree("{\"204\":60}"));
        assertThat(summary.get("ran_out_of_deliveries").asBoolean()).isTrue();
        assertThat(summary.get("latency_ms").get("max").asDouble())
                .isGreaterThanOrEqualTo(summary.get("latency_ms").get("p50").asDouble()).isPositive();
        assertThat(server.rows("webhook_events")).isEqualTo(60);
        server.awaitApplied(); // acknowledged deliveries are applied behind the answer
        assertThat(server.rows("calls")).isEqualTo(20);
    }

    @Test
    void openLoopSendsOnItsTimetableAndStopsWhenTheTimeIsUp() throws IOException {
        Run run = load(CallhookServer.RETELL_API_KEY, "--rate", "40", "--calls", "30", "--duration", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = run.json();
        assertThat(summary.get("mode").asText()).isEqualTo("open");
        // due at 0, 25, 50, ... 975 ms: 40 deliveries within the second, of the 90 prepared
        assertThat(summary.get("events").asLong()).isEqualTo(40);
        assertThat(summary.get("status")).isEqualTo(JSON.readTree("{\"204\":40}"));
        assertThat(summary.get("ran_out_of_deliveries").asBoolean()).isFalse();
        assertThat(server.rows("webhook_events")).isEqualTo(40);
    }

    @Test
    void callsOfAnImportedSetUpMoveItsCampaignsCounters() throws IOException {
        Path setup = dir.resolve("setup.json");
        Run generated = callhook(CallhookServer.RETELL_API_KEY, "generate-events", "--calls", "12", "--campaigns", "3",
                "--setup", setup.toString(), dir.resolve("unused.ndjson").toString());
        Run imported = callhook(CallhookServer.RETELL_API_KEY, "import", setup.toString());

        Run run = load(CallhookServer.RETELL_API_KEY, "--setup", setup.toString(), "--first-call", "2", "--calls", "10",
                "--connections", "4", "--duration", "120");

        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("status")).isEqualTo(JSON.readTree("{\"204\":30}"));
        server.awaitApplied(); // acknowledged deliveries are applied behind the answer
        List<Long> processed = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT processed FROM call_campaigns ORDER BY name").mapTo(Long.class).list());
        // calls 2..11 dial contacts 2..11; campaign k has the contacts whose index modulo 3 is k - 1
        assertThat(processed).containsExactly(3L, 3L, 4L);
        assertThat(server.rows("campaign_contacts WHERE status = 'pending'")).isEqualTo(2);
    }

    @Test
    void deliveriesSignedWithAnotherKeyAreCountedAs401AndExitWithOne() throws IOException {
        Run run = load("key_not_the_servers", "--connections", "2", "--calls", "2", "--duration", "120");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("status")).isEqualTo(JSON.readTree("{\"401\":6}"));
        assertThat(server.rows("webhook_events")).isZero();
    }

    @Test
    void aRunLongerThanTheSignaturesLastIsAUsageError() {
        Run run = load(CallhookServer.RETELL_API_KEY, "--duration", "600");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--warmup plus --duration must be from 1 to 240 seconds");
        assertThat(run.out()).isEmpty();
    }
}
