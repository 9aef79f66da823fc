package io.callhook.core.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.CallId;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.retell.RetellPayloads;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import io.callhook.core.service.IngestionService;
import io.callhook.core.service.QueryService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's "Embedding the core" example compiling and true: the README must quote {@link #handle} verbatim. */
class EmbeddingExampleTest {

    // README:embedding-start
    static IngestOutcome handle(byte[] rawBody, String signatureHeader, Clock clock) {
        var verifier = new RetellSignatureVerifier(List.of(System.getenv().getOrDefault("RETELL_API_KEY", "key")), clock);
        if (verifier.verify(rawBody, signatureHeader) instanceof SignatureCheck.Invalid invalid) {
            throw new SecurityException("refused: " + invalid.failure());
        }
        var store = new InMemoryStore();            // or the PostgreSQL adapter's PostgresUnitOfWork
        var ingestion = new IngestionService(store, clock);
        IngestOutcome outcome = ingestion.ingest(new Delivery(rawBody, clock.instant()));
        new QueryService(store).call(new CallId("call_4e1b9c07d2a85f36e1c04b7a9d2"))
                .ifPresent(call -> System.out.println(call.state() + " " + call.outcome()));
        return outcome;
    }
    // README:embedding-end

    @Test
    void readmeQuotesTheExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/callhook/core/example/EmbeddingExampleTest.java"));
        String example = source.substring(source.indexOf("// README:embedding-start") + "// README:embedding-start".length(),
                source.indexOf("    // README:embedding-end")).lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(java.util.stream.Collectors.joining("\n")).strip();
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        assertThat(readme).contains(example);
    }

    @Test
    void exampleRecordsASignedFixture() {
        byte[] body = RetellPayloads.fixture("02-outbound-call_ended.json");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_790_006_600_945L), ZoneOffset.UTC);
        String header = new io.callhook.core.retell.RetellSigner("key").sign(body, clock.instant());

        assertThat(handle(body, header, clock)).isInstanceOf(IngestOutcome.Applied.class);
    }
}
