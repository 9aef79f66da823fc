package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.core.retell.EventNames;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code callhook load} against a tiny local receiver that checks signatures like callhook's endpoint and answers
 * {@code call_analyzed} with 503: the summary's counts by status, and what the receiver got, must agree exactly. (The
 * run against the real server is {@code LoadCommandAcceptanceTest}.)
 */
class LoadCommandTest {

    private static final String KEY = "key_load_command_test";

    private HttpServer server;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    @BeforeEach
    void startReceiver() throws IOException {
        RetellSignatureVerifier verifier = new RetellSignatureVerifier(List.of(KEY), Clock.systemUTC());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/retell", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String event = EventNames.of(body);
            boolean valid = verifier.verify(body, exchange.getRequestHeaders().getFirst("x-retell-signature"))
                    instanceof SignatureCheck.Valid;
            received.computeIfAbsent(valid ? event : "invalid", e -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(!valid ? 401 : event.equals("call_analyzed") ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void summaryCountsEveryAnswerByStatusAndExitsWithOneWhenSomeWereNot2xx() {
        Result result = new CliRunner().env("RETELL_API_KEY", KEY).run("load", "--url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/retell", "--connections", "2",
                "--calls", "10", "--warmup", "0", "--duration", "120", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(result.out()).contains("closed loop, 2 connections, 120 s measured after 0 s warm-up\n",
                "events     30\n", "status     204: 20, 503: 10\n",
                "ran out of deliveries before the time was up: raise --calls\n")
                .containsPattern("latency ms p50 \\S+  p90 \\S+  p99 \\S+  p99.9 \\S+  max \\S+\n");
        assertThat(result.err()).isEmpty();
        assertThat(received).containsOnlyKeys("call_started", "call_ended", "call_analyzed");
        assertThat(received.values()).extracting(AtomicInteger::get).containsOnly(10);
    }

    @Test
    void anUnusableRateIsAUsageError() {
        Result result = new CliRunner().env("RETELL_API_KEY", KEY).run("load", "--rate", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("callhook load: --rate must be a positive number of deliveries per second\n");
        assertThat(result.out()).isEmpty();
    }
}
