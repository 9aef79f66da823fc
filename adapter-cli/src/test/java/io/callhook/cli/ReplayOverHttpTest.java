package io.callhook.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.Events;
import io.callhook.cli.support.SummaryTable;
import io.callhook.core.retell.EventNames;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callhook replay --url}: against a tiny local HTTP server that checks signatures like callhook's webhook
 * endpoint and answers as told.
 */
class ReplayOverHttpTest {

    private static final Instant NOW = Instant.parse("2026-09-21T10:00:00Z");
    private static final String KEY = "key_replay_http_test";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** Event name → status to answer; 204 when absent. */
    private volatile Function<String, Integer> answers = event -> 204;

    @BeforeEach
    void startServer() throws IOException {
        RetellSignatureVerifier verifier = new RetellSignatureVerifier(List.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/retell", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("x-retell-signature");
            int status;
            String answer = "";
            if (verifier.verify(body, signature) instanceof SignatureCheck.Invalid invalid) {
                status = 401;
                answer = "{\"error\":\"invalid_signature\",\"message\":\"" + invalid.message() + "\"}";
            } else {
                String event = EventNames.of(body);
                received.add(event);
                status = answers.apply(event);
                if (status >= 400) {
                    answer = "{\"error\":\"unavailable\",\"message\":\"try again later\"}";
                }
            }
            byte[] bytes = answer.getBytes(UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/retell";
    }

    private Path events() throws IOException {
        return Events.write(dir.resolve("events.ndjson"), Events.ndjson(Events.allFixtures()));
    }

    private CliRunner cli(String key) {
        return new CliRunner().env("RETELL_API_KEY", key).at(NOW);
    }

    @Test
    void postsEveryEventSignedWithTheKeyInFileOrder() throws IOException {
        Result result = cli(KEY).run("replay", "--url", url(), events().toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(received).containsExactly("call_started", "call_ended", "call_analyzed", "transcript_updated",
                "call_started", "transfer_started", "transfer_bridged", "call_ended", "call_analyzed",
                "transfer_ended");
        assertThat(SummaryTable.row(result.out(), "total")).containsExactly(10L, 0L, 0L, 0L, 0L, 10L);
        assertThat(result.out()).contains("target: " + url(), "counted as applied").doesNotContain(KEY);
    }

    @Test
    void refusalsAreRejectedAndServerErrorsFailed() throws IOException {
        answers = event -> event.equals("call_analyzed") ? 503 : 204;

        Result result = cli(KEY).run("replay", "--url", url(), events().toString());
        Result wrongKey = cli("key_wrong").run("replay", "--url", url(), events().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(result.out(), "call_analyzed")).containsExactly(0L, 0L, 0L, 0L, 2L, 2L);
        assertThat(result.out()).contains("events.ndjson:3 call_analyzed failed: HTTP 503 unavailable: try again later");
        assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(wrongKey.out(), "total")).containsExactly(0L, 0L, 0L, 10L, 0L, 10L);
        assertThat(wrongKey.out()).contains("rejected: HTTP 401 invalid_signature: the signature does not match");
    }

    @Test
    void aServerThatCannotBeReachedStopsTheReplayWithExitCode3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = cli(KEY).run("replay", "--url", "http://127.0.0.1:" + closedPort + "/webhooks/retell",
                events().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).isEqualTo("callhook replay: could not reach http://127.0.0.1:" + closedPort
                + "/webhooks/retell: connection refused\n");
        assertThat(SummaryTable.row(result.out(), "total").get(4)).as("failed").isPositive();
        assertThat(result.out()).contains("stopped: could not reach", "Replaying again is safe");
    }

    @Test
    void aDryRunSendsNothing() throws IOException {
        Path file = Events.write(dir.resolve("events.ndjson"), Events.ndjson(Events.allFixtures())
                + "{\"event\":\"call_ended\"}\n");

        Result result = new CliRunner().at(NOW).run("replay", "--url", url(), "--dry-run", file.toString());

        assertThat(received).isEmpty();
        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(result.out(), "call_ended")).containsExactly(2L, 0L, 0L, 1L, 0L, 3L);
        assertThat(result.out()).contains("dry run: nothing was sent");
    }

    @Test
    void databaseOptionsAndAMissingKeyAreUsageErrors() throws IOException {
        String file = events().toString();

        Result withDb = cli(KEY).run("replay", "--url", url(), "--db-url", "jdbc:postgresql://x/y", file);
        Result noKey = new CliRunner().at(NOW).run("replay", "--url", url(), file);
        Result batch = cli(KEY).run("replay", "--url", url(), "--batch-size", "5", file);

        assertThat(withDb.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKey.err()).startsWith("callhook replay: no Retell API key: set RETELL_API_KEY or pass --api-key");
        assertThat(batch.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(received).isEmpty();
    }
}
