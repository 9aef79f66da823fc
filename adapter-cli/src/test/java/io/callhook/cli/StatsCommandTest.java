package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.Events;
import io.callhook.cli.support.Setups;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code callhook stats --campaign} after an import and a replay. */
class StatsCommandTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String campaign;

    private CliRunner cli() {
        return new CliRunner().database(db).at(Instant.parse("2026-09-21T15:00:00Z"));
    }

    @BeforeEach
    void importAndReplayTheOutboundCall() throws IOException {
        db.truncateAll();
        JsonNode created = JSON.readTree(cli().run("import", "--output", "json",
                Setups.write(dir, "setup.json", Setups.acmeDental()).toString()).out());
        campaign = created.path("organizations").get(0).path("campaigns").get(0).path("id").asText();
        Path events = Events.write(dir.resolve("events.ndjson"), Events.ndjson(Events.allFixtures()));
        assertThat(cli().run("replay", events.toString()).exitCode()).isZero();
    }

    @Test
    void printsContactsOutcomesAndRates() {
        Result result = cli().run("stats", "--campaign", campaign);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("campaign +September recall \\(" + campaign + "\\)\n")
                .containsPattern("\nstatus +processing\n")
                .containsPattern("\ncontacts +2\n  pending +1\n  calling +0\n  completed +1\n")
                .containsPattern("\nprocessed +1\nsuccessful +1\n  connected +1\n  voicemail +0\n")
                .containsPattern("\nsuccess rate +100\\.0 %\ncontact rate +100\\.0 %\nvoicemail rate +0\\.0 %\n")
                .containsPattern("\naverage duration +187\\.4 s\ntotal cost +43\\.945 cents\n");
    }

    @Test
    void jsonOutputForScripts() throws IOException {
        JsonNode stats = JSON.readTree(cli().run("stats", "--campaign", campaign, "--output", "json").out());

        assertThat(stats.path("campaign").path("id").asText()).isEqualTo(campaign);
        assertThat(stats.path("contacts").path("by_status").path("completed").asLong()).isEqualTo(1);
        assertThat(stats.path("progress").path("processed").asLong()).isEqualTo(1);
        assertThat(stats.path("progress").path("by_outcome").path("connected").asLong()).isEqualTo(1);
        assertThat(stats.path("rates").path("contact").asDouble()).isEqualTo(1.0);
    }

    @Test
    void anUnknownCampaignExitsWith1AndAMalformedIdWith2() {
        Result unknown = cli().run("stats", "--campaign", "00000000-0000-0000-0000-000000000000");
        Result malformed = cli().run("stats", "--campaign", "cmp_2026_09_recall");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(unknown.err()).isEqualTo("callhook stats: no campaign 00000000-0000-0000-0000-000000000000\n");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(malformed.err()).startsWith("callhook stats: --campaign must be a campaign id (a UUID)");
    }
}
