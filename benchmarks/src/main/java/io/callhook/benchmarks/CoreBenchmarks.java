package io.callhook.benchmarks;

import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.retell.ParseResult;
import io.callhook.core.retell.RetellEventParser;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.RetellSigner;
import io.callhook.core.retell.SignatureCheck;
import io.callhook.core.service.IngestionService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the core costs per webhook without a database, on one thread: the CPU floor under every figure of
 * {@code acceptance-tests/perf/run.sh}. Run with {@code java -jar benchmarks/target/callhook-benchmarks.jar}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CoreBenchmarks {

    private static final String KEY = "key_benchmark_0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");

    /** The signed body and a verifier whose clock is the signing time. */
    @State(Scope.Thread)
    public static class Signed {
        final byte[] body = WebhookBody.CALL_ENDED;
        final String signature = new RetellSigner(KEY).sign(body, NOW);
        final RetellSignatureVerifier verifier = new RetellSignatureVerifier(List.of(KEY), Clock.fixed(NOW,
                ZoneOffset.UTC));
        final RetellEventParser parser = new RetellEventParser();
    }

    /** A fresh in-memory store per iteration, and a new call id per delivery so that none is a duplicate. */
    @State(Scope.Thread)
    public static class Store {
        final WebhookBody bodies = new WebhookBody();
        IngestionService ingestion;
        long next;

        @Setup(Level.Iteration)
        public void emptyStore() {
            ingestion = new IngestionService(new InMemoryStore(), Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    /** Checks the signature over the raw bytes, then parses them into an event: the webhook's work before storage. */
    @Benchmark
    public ParseResult verifyAndParse(Signed signed) {
        if (!(signed.verifier.verify(signed.body, signed.signature) instanceof SignatureCheck.Valid)) {
            throw new IllegalStateException("the benchmark's signature does not verify");
        }
        return signed.parser.parse(signed.body);
    }

    /** The whole ingestion of a new call's {@code call_ended} (unlinked: no agent registered) into the in-memory store. */
    @Benchmark
    public IngestOutcome ingestIntoMemory(Store store) {
        return store.ingestion.ingest(new Delivery(store.bodies.numbered(store.next++), NOW));
    }
}
