package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.Fixtures;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

    private static final Instant NOW = Instant.parse("2026-09-21T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void printsASignatureThatVerifiesOverTheExactFileBytes() throws IOException {
        Path file = Fixtures.copy("02-outbound-call_ended.json", dir, "ended.json");

        Result result = new CliRunner().env("RETELL_API_KEY", "key_new, key_old").at(NOW).run("sign", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        String header = result.out().strip();
        assertThat(header).matches("v=" + NOW.toEpochMilli() + ",d=[0-9a-f]{64}");
        SignatureCheck check = new RetellSignatureVerifier(List.of("key_new"), Fixtures.clockAt(NOW))
                .verify(Fixtures.bytes("02-outbound-call_ended.json"), header);
        assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void reproducesTheOfficialSdkTestVector() throws IOException {
        JsonNode vector = Fixtures.vector(0);
        Path file = Fixtures.copy("signature-v0-official-sdk-test-vector.body", dir, "v0.json");

        Result result = new CliRunner().run("sign", file.toString(),
                "--api-key", vector.path("key").textValue(),
                "--at", vector.path("timestamp_ms").asText());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(vector.path("expected_signature").textValue() + "\n");
    }

    @Test
    void acceptsAnIsoTimeAndReadsStdin() {
        JsonNode vector = Fixtures.vector(3);

        Result result = new CliRunner().env("RETELL_API_KEY", vector.path("key").textValue())
                .stdin(Fixtures.bytes("signature-v3-pretty-printed-with-trailing-newline.body"))
                .run("sign", "-", "--at", Instant.ofEpochMilli(vector.path("timestamp_ms").longValue()).toString());

        assertThat(result.out()).isEqualTo(vector.path("expected_signature").textValue() + "\n");
    }

    @Test
    void withoutAKeyItIsAUsageErrorNamingTheVariable() throws IOException {
        Path file = Fixtures.copy("02-outbound-call_ended.json", dir, "ended.json");

        Result result = new CliRunner().env("RETELL_API_KEY", " , ").run("sign", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("callhook sign: no Retell API key: set RETELL_API_KEY or pass --api-key\n"
                + "Try 'callhook sign --help' for more information.\n");
    }

    @Test
    void neverPrintsTheKey() throws IOException {
        Path file = Fixtures.copy("02-outbound-call_ended.json", dir, "ended.json");

        Result ok = new CliRunner().env("RETELL_API_KEY", "key_secret_123").run("sign", file.toString());
        Result badTime = new CliRunner().env("RETELL_API_KEY", "key_secret_123").run("sign", file.toString(), "--at", "soon");

        assertThat(ok.out() + ok.err() + badTime.out() + badTime.err()).doesNotContain("key_secret_123");
    }

    @Test
    void anUnreadableFileIsAUsageErrorNamingTheFile() {
        Path missing = dir.resolve("missing.json");

        Result result = new CliRunner().env("RETELL_API_KEY", "k").run("sign", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("callhook sign: " + missing + ": no such file or folder\n");
    }

    @Test
    void anInvalidTimeIsAUsageError() throws IOException {
        Path file = Fixtures.copy("02-outbound-call_ended.json", dir, "ended.json");

        Result result = new CliRunner().env("RETELL_API_KEY", "k").run("sign", file.toString(), "--at", "yesterday");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Invalid value for option '--at'",
                "'yesterday' is neither epoch milliseconds nor an ISO-8601 time");
    }
}
