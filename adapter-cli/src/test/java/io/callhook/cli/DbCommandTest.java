package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code callhook db migrate|status} on an empty schema. */
class DbCommandTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.createEmpty();

    private CliRunner cli() {
        return new CliRunner().database(db);
    }

    @Test
    void statusShowsPendingMigrationsUntilMigrateAppliesThem() {
        Result before = cli().run("db", "status");
        Result stats = cli().run("stats", "--campaign", "00000000-0000-0000-0000-000000000000");
        Result migrate = cli().run("db", "migrate");
        Result after = cli().run("db", "status");
        Result again = cli().run("db", "migrate");

        assertThat(before.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(before.out()).contains("Schema " + db.schema() + " of jdbc:postgresql:")
                .containsPattern("1\\s+directory\\s+Pending")
                .contains("migrations are not applied: run 'callhook db migrate'.");
        assertThat(stats.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(stats.err()).contains("is not up to date", "run 'callhook db migrate' first");
        assertThat(migrate.exitCode()).isZero();
        assertThat(migrate.out()).startsWith("Applied ").contains("migrations: schema " + db.schema());
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).containsPattern("1\\s+directory\\s+Success").doesNotContain("Pending");
        assertThat(again.out()).contains("is up to date at version");
    }

    @Test
    void anUnreachableDatabaseExitsWith3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = new CliRunner().run("db", "status", "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort
                + "/callhook");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).startsWith("callhook db status: could not reach the database: ");
    }

    @Test
    void dbAloneIsAUsageError() {
        Result result = cli().run("db");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("callhook db: missing command: migrate or status");
    }
}
