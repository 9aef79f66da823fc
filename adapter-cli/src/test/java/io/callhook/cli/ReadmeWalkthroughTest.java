package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.SummaryTable;
import io.callhook.cli.support.Tables;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's walk-through "From a downloaded file to a verified result" (section "Replaying events"), step by step,
 * on the example files it uses, so the README's commands and the summary it shows stay true.
 */
class ReadmeWalkthroughTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    private static final Path EXAMPLES = Path.of("examples");
    private static final String KEY = "key_fixture_5e6f7a8b9c0d1e2f3a4b5c6d";

    private CliRunner cli() {
        return new CliRunner().database(db).env("RETELL_API_KEY", KEY);
    }

    @Test
    void fromADownloadedFileToAVerifiedResult() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String deliveries = EXAMPLES.resolve("acme-deliveries.ndjson").toString();

        // 1. prepare the database
        assertThat(cli().run("db", "migrate").exitCode()).isZero();
        assertThat(cli().run("db", "status").exitCode()).isZero();
        // 2. the customer's set-up, then more contacts from a CSV file
        Result imported = cli().run("import", EXAMPLES.resolve("acme-setup.json").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Matcher campaignLine = Pattern.compile("(?m)^\\s*campaign\\s+(\\S+)\\s").matcher(imported.out());
        assertThat(campaignLine.find()).isTrue();
        String campaign = campaignLine.group(1);
        Result csv = cli().run("import", EXAMPLES.resolve("more-contacts.csv").toString(), "--campaign", campaign);
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        // 3. verify and dry-run
        Result dryRun = cli().run("replay", "--verify", "--dry-run", deliveries);
        assertThat(dryRun.exitCode()).as(dryRun.out()).isZero();
        assertThat(Tables.count(db, "calls")).isZero();
        // 4. replay, and the table the README shows
        Result replayed = cli().run("replay", "--verify", deliveries);
        assertThat(replayed.exitCode()).isZero();
        String table = replayed.out().substring(0, replayed.out().indexOf("\n\n") + 1);
        assertThat(readme).contains(table);
        Result stats = cli().run("stats", "--campaign", campaign);
        assertThat(stats.out()).containsPattern("contacts +3\n  pending +2\n  calling +0\n  completed +1\n");
        // 5. again: all duplicates
        Result again = cli().run("replay", "--verify", deliveries);
        assertThat(SummaryTable.row(again.out(), "total")).containsExactly(0L, 10L, 0L, 0L, 0L, 10L);
    }
}
