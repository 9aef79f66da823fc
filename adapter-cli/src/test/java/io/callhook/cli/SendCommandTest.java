package io.callhook.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.Fixtures;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {

    private static final Instant NOW = Instant.parse("2026-09-21T10:00:00Z");
    private static final String KEY = "key_send_test";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> answer = new AtomicReference<>("{\"outcome\":\"applied\"}");
    private final AtomicReference<byte[]> receivedBody = new AtomicReference<>();
    private final AtomicReference<String> receivedSignature = new AtomicReference<>();
    private final AtomicReference<String> receivedContentType = new AtomicReference<>();
    private final AtomicReference<String> receivedMethod = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/retell", exchange -> {
            receivedMethod.set(exchange.getRequestMethod());
            receivedBody.set(exchange.getRequestBody().readAllBytes());
            receivedSignature.set(exchange.getRequestHeaders().getFirst("X-Retell-Signature"));
            receivedContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] response = answer.get().getBytes(UTF_8);
            exchange.sendResponseHeaders(status.get(), response.length == 0 ? -1 : response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
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

    private Result send(Path file, String url) {
        return new CliRunner().env("RETELL_API_KEY", KEY).at(NOW).run("send", file.toString(), "--url", url);
    }

    @Test
    void postsTheExactBytesSignedAndPrintsTheAnswer() throws IOException {
        Path file = Fixtures.copy("03-outbound-call_analyzed.json", dir, "analyzed.json");

        Result result = send(file, url());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("HTTP 200\n{\"outcome\":\"applied\"}\n");
        assertThat(receivedMethod.get()).isEqualTo("POST");
        assertThat(receivedContentType.get()).isEqualTo("application/json");
        assertThat(receivedBody.get()).isEqualTo(Fixtures.bytes("03-outbound-call_analyzed.json"));
        SignatureCheck check = new RetellSignatureVerifier(List.of(KEY), Fixtures.clockAt(NOW))
                .verify(receivedBody.get(), receivedSignature.get());
        assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void aRefusalExitsWith1() throws IOException {
        status.set(401);
        answer.set("{\"code\":401,\"message\":\"invalid signature\"}");
        Path file = Fixtures.copy("03-outbound-call_analyzed.json", dir, "analyzed.json");

        Result result = send(file, url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(result.out()).isEqualTo("HTTP 401\n{\"code\":401,\"message\":\"invalid signature\"}\n");
    }

    @Test
    void aServerErrorExitsWith3() throws IOException {
        status.set(503);
        answer.set("");
        Path file = Fixtures.copy("03-outbound-call_analyzed.json", dir, "analyzed.json");

        Result result = send(file, url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.out()).isEqualTo("HTTP 503\n");
    }

    @Test
    void anUnreachableServerExitsWith3WithOneLineAndNoStackTrace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/webhooks/retell";
        Path file = Fixtures.copy("03-outbound-call_analyzed.json", dir, "analyzed.json");

        Result result = send(file, url);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("callhook send: could not reach " + url + ": connection refused\n");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() throws IOException {
        Path file = Fixtures.copy("03-outbound-call_analyzed.json", dir, "analyzed.json");

        Result result = send(file, "ftp://example.com/hook");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("callhook send: --url: not an http(s) URL: ftp://example.com/hook\n");
    }

    @Test
    void withoutAKeyNothingIsSent() throws IOException {
        Path file = Fixtures.copy("03-outbound-call_analyzed.json", dir, "analyzed.json");

        Result result = new CliRunner().run("send", file.toString(), "--url", url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("RETELL_API_KEY");
        assertThat(receivedBody.get()).isNull();
    }
}
