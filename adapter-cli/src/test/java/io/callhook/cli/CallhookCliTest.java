package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import org.junit.jupiter.api.Test;

class CallhookCliTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Result result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Usage: callhook [-hV] COMMAND")
                .contains("replay", "import", "stats", "db", "sign", "send", "load", "generate-completion")
                .doesNotContain("generate-events")
                .contains("Exit codes:")
                .containsPattern("\\s0\\s+all events were applied, duplicates or ignored")
                .containsPattern("\\s1\\s+some events were rejected or failed")
                .containsPattern("\\s2\\s+usage error")
                .containsPattern("\\s3\\s+could not reach the database or the server");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void subcommandHelpListsItsOwnExitCodes() {
        Result result = cli.run("send", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: callhook send", "--url=URL", "Exit codes:")
                .containsPattern("\\s3\\s+could not connect, no answer in time, or the server answered 5xx");
    }

    @Test
    void versionNamesTheProjectVersion() {
        Result result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("callhook ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void withoutACommandItIsAUsageError() {
        Result result = cli.run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("callhook: missing command: one of replay, import, stats, db, sign, send, load, generate-completion\n"
                + "Try 'callhook --help' for more information.\n");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithAHintInsteadOfTheWholeUsage() {
        Result result = cli.run("sign", "body.json", "--atx=5");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("callhook sign: Unknown option: '--atx=5'\nPossible solutions: --at\n")
                .endsWith("Try 'callhook sign --help' for more information.\n")
                .doesNotContain("Usage:");
    }

    @Test
    void anUnknownCommandSuggestsTheClosestOne() {
        Result result = cli.run("sing", "x.json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Did you mean", "sign");
    }

    @Test
    void completionScriptIsPrinted() {
        Result result = cli.run("generate-completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F", "callhook");
    }
}
