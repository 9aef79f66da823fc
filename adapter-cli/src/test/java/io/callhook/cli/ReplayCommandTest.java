package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.Events;
import io.callhook.cli.support.Fixtures;
import io.callhook.cli.support.Setups;
import io.callhook.cli.support.SummaryTable;
import io.callhook.cli.support.Tables;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code callhook replay} into a real PostgreSQL schema, in-process. */
class ReplayCommandTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-09-21T15:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void importAcmeDental() throws IOException {
        db.truncateAll();
        Result imported = cli().run("import", Setups.write(dir, "setup.json", Setups.acmeDental()).toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    private CliRunner cli() {
        return new CliRunner().database(db).at(NOW);
    }

    private Path fixturesAsNdjson() throws IOException {
        return Events.write(dir.resolve("all.ndjson"), Events.ndjson(Events.allFixtures()));
    }

    @Test
    void replaysEveryInputFormatIntoTheDatabase() throws IOException {
        Path folder = dir.resolve("export");
        Events.write(folder.resolve("a/01-started.json"), Fixtures.text("01-outbound-call_started.json"));
        Events.write(folder.resolve("a/b/02-ended-and-analyzed.json"),
                Events.array(List.of("02-outbound-call_ended.json", "03-outbound-call_analyzed.json")));
        Events.write(folder.resolve("notes.txt"), "not an event file: skipped inside folders");
        Path ndjson = Events.write(dir.resolve("transcript.ndjson"), Events.ndjson(List.of(
                "04-outbound-transcript_updated.json")));
        Path jsonlGz = Events.writeGzip(dir.resolve("transfer.jsonl.gz"), Events.ndjson(List.of(
                "40-transfer-call_started.json", "41-transfer-transfer_started.json")));
        Path jsonGz = Events.writeGzip(dir.resolve("transfer.json.gz"), Events.array(List.of(
                "42-transfer-transfer_bridged.json", "43-transfer-call_ended.json")));
        String stdin = Events.ndjson(List.of("44-transfer-call_analyzed.json", "45-transfer-transfer_ended.json"));

        Result result = cli().stdin(stdin).run("replay", folder.toString(), ndjson.toString(), jsonlGz.toString(),
                jsonGz.toString(), "-");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(SummaryTable.row(result.out(), "total")).containsExactly(10L, 0L, 0L, 0L, 0L, 10L);
        assertThat(Tables.count(db, "calls")).isEqualTo(2);
        assertThat(Tables.count(db, "webhook_events")).isEqualTo(10);
        assertThat(Tables.count(db, "notifications")).as("both users hear of the inbound call").isEqualTo(2);
        assertThat(Tables.snapshot(db).get("call_campaigns").get(0)).contains("processed=1", "outcome_connected=1");
    }

    @Test
    void reportsMalformedInputWithItsPositionAndReplaysTheRest() throws IOException {
        Path lines = Events.write(dir.resolve("calls.ndjson"), Events.compact("01-outbound-call_started.json") + "\n"
                + "{\"event\": \"call_ended\", \"call\": {\"call_id\": \n"
                + Events.compact("02-outbound-call_ended.json") + "\n"
                + "[1, 2]\n"
                + "{\"event\": \"call_ended\", \"call\": {\"agent_id\": \"agent_x\"}}\n"
                + Events.compact("03-outbound-call_analyzed.json") + "\n");
        Path array = Events.write(dir.resolve("batch.json"), "[" + Events.compact("40-transfer-call_started.json")
                + ", 42, " + Events.compact("43-transfer-call_ended.json") + "]");

        Result result = cli().run("replay", lines.toString(), array.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(result.out(), "call_started")).containsExactly(2L, 0L, 0L, 0L, 0L, 2L);
        assertThat(SummaryTable.row(result.out(), "(unreadable)")).containsExactly(0L, 0L, 0L, 0L, 3L, 3L);
        assertThat(result.out())
                .contains("Errors:")
                .containsPattern("calls\\.ndjson:2 \\(unreadable\\) failed: invalid JSON")
                .contains("calls.ndjson:4 (unreadable) failed: expected a JSON object")
                .containsPattern("calls\\.ndjson:5 call_ended rejected: .*call_id")
                .contains("batch.json[1] (unreadable) failed: expected a JSON object, found a number");
        assertThat(Tables.count(db, "calls")).isEqualTo(2);
        assertThat(Tables.count(db, "webhook_events")).as("5 events, and the rejected body kept as rejected")
                .isEqualTo(6);
    }

    @Test
    void replayingTheSameFileTwiceLeavesTheTablesAsTheyWere() throws IOException {
        Path file = fixturesAsNdjson();

        Result first = cli().run("replay", file.toString());
        Map<String, List<String>> afterFirst = Tables.snapshot(db);
        Result second = cli().run("replay", file.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(SummaryTable.row(second.out(), "total")).containsExactly(0L, 10L, 0L, 0L, 0L, 10L);
        assertThat(Tables.snapshot(db)).isEqualTo(afterFirst);
        assertThat(Tables.counts(db)).containsEntry("calls", 2).containsEntry("campaign_contacts", 2)
                .containsEntry("call_campaigns", 1).containsEntry("notifications", 2)
                .containsEntry("webhook_events", 10);
        List<Integer> attempts = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT attempts FROM webhook_events")
                .mapTo(Integer.class).list());
        assertThat(attempts).as("each delivery counted twice").containsExactly(2);
    }

    @Test
    void aDryRunWritesNothingButShowsWhatWouldHappen() throws IOException {
        Map<String, List<String>> before = Tables.snapshot(db);
        long activityBefore = Tables.count(db, "activity_logs");

        Result result = cli().run("replay", "--dry-run", fixturesAsNdjson().toString());

        assertThat(result.exitCode()).isZero();
        assertThat(SummaryTable.row(result.out(), "total")).containsExactly(10L, 0L, 0L, 0L, 0L, 10L);
        assertThat(result.out()).contains("dry run: nothing was written");
        assertThat(Tables.snapshot(db)).isEqualTo(before);
        assertThat(Tables.count(db, "activity_logs")).isEqualTo(activityBefore);
    }

    @Test
    void aDryRunShowsDuplicatesOfWhatIsAlreadyStored() throws IOException {
        Path file = fixturesAsNdjson();
        cli().run("replay", file.toString());

        Result result = cli().run("replay", "--dry-run", file.toString());

        assertThat(SummaryTable.row(result.out(), "total")).containsExactly(0L, 10L, 0L, 0L, 0L, 10L);
    }

    @Test
    void verifyReplaysEventsWithAValidRecordedSignatureAndRejectsTheOthers() throws IOException {
        String started = Fixtures.text("01-outbound-call_started.json");
        String ended = Fixtures.text("02-outbound-call_ended.json");
        Path file = Events.write(dir.resolve("deliveries.ndjson"), String.join("\n",
                Events.delivery(started, Fixtures.signatureOf("01-outbound-call_started.json")),
                Events.delivery(ended, Fixtures.signatureOf("02-outbound-call_ended.json")),
                Events.delivery(ended.replace("agent_hangup", "user_hangup"),
                        Fixtures.signatureOf("02-outbound-call_ended.json")),
                Events.delivery(Fixtures.text("03-outbound-call_analyzed.json"), "v=1790006609520,d=nothex"),
                Events.compact("04-outbound-transcript_updated.json")) + "\n");

        Result result = cli().env("RETELL_API_KEY", Fixtures.FIXTURE_KEY).run("replay", "--verify", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(result.out(), "call_started")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(SummaryTable.row(result.out(), "call_ended")).containsExactly(1L, 0L, 0L, 1L, 0L, 2L);
        assertThat(result.out())
                .contains("deliveries.ndjson:3 call_ended rejected: signature mismatch")
                .contains("deliveries.ndjson:4 call_analyzed rejected: signature malformed")
                .contains("deliveries.ndjson:5 transcript_updated rejected: no recorded signature")
                .contains("verify: signatures checked at their own time")
                .doesNotContain(Fixtures.FIXTURE_KEY);
        assertThat(Tables.count(db, "webhook_events")).as("refused signatures are not stored").isEqualTo(2);
    }

    @Test
    void verifyAtATimeChecksTheFiveMinuteWindowAsTheServerDid() throws IOException {
        Path file = Events.write(dir.resolve("deliveries.ndjson"), Events.delivery(
                Fixtures.text("01-outbound-call_started.json"),
                Fixtures.signatureOf("01-outbound-call_started.json")) + "\n");

        Result inTime = cli().env("RETELL_API_KEY", Fixtures.FIXTURE_KEY)
                .run("replay", "--verify", "--at", "1790006413285", "--dry-run", file.toString());
        Result late = cli().env("RETELL_API_KEY", Fixtures.FIXTURE_KEY)
                .run("replay", "--verify", "--at", "2026-09-22T00:00:00Z", "--dry-run", file.toString());

        assertThat(inTime.exitCode()).isZero();
        assertThat(late.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(late.out()).contains("rejected: signature outside_window");
    }

    @Test
    void aBatchThatFailsAsAWholeIsReplayedEventByEventSoOnlyTheBadEventFails() throws IOException {
        // the database refuses to store this one call (a trigger stands in for any value it cannot take), which fails
        // the whole batch transaction
        db.jdbi().useHandle(h -> h.execute("""
                CREATE OR REPLACE FUNCTION refuse_poisoned_call() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.call_id = 'call_poisoned' THEN
                        RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE TRIGGER refuse_poisoned_call BEFORE INSERT OR UPDATE ON calls
                    FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_call();
                """));
        String poisoned = Events.compact("40-transfer-call_started.json")
                .replace("\"call_id\":\"call_7b9d1f3a5c7e9b1d3f5a7c9e1b3\"", "\"call_id\":\"call_poisoned\"");
        Path file = Events.write(dir.resolve("mixed.ndjson"), Events.compact("01-outbound-call_started.json") + "\n"
                + poisoned + "\n" + Events.compact("02-outbound-call_ended.json") + "\n");

        Result result = cli().run("replay", "--batch-size", "10", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(result.out(), "call_started")).containsExactly(1L, 0L, 0L, 0L, 1L, 2L);
        assertThat(SummaryTable.row(result.out(), "call_ended")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(result.out())
                .contains("mixed.ndjson:2 call_started failed: could not be stored:");
        assertThat(Tables.count(db, "calls")).isEqualTo(1);
        assertThat(Tables.count(db, "webhook_events")).isEqualTo(2);
    }

    @Test
    void aShuffledOrTimeOrderedReplayEndsInTheSameStateAsTheFileOrder() throws IOException {
        Path file = fixturesAsNdjson();
        cli().run("replay", file.toString());
        Map<String, List<String>> inFileOrder = Tables.snapshot(db);

        for (List<String> order : List.of(List.of("--order", "shuffle", "--seed", "7"),
                List.of("--order", "shuffle", "--seed", "20260921"), List.of("--order", "timestamp"))) {
            importAcmeDental();
            List<String> args = new java.util.ArrayList<>(List.of("replay", file.toString()));
            args.addAll(order);

            Result result = cli().run(args.toArray(String[]::new));

            assertThat(result.exitCode()).isZero();
            assertThat(Tables.snapshot(db)).as(String.join(" ", order)).isEqualTo(inFileOrder);
        }
    }

    @Test
    void theSeedOfAShuffleIsPrintedSoItCanBeRepeated() throws IOException {
        Result result = cli().run("replay", "--order", "shuffle", "--dry-run", fixturesAsNdjson().toString());

        assertThat(result.out()).containsPattern("seed: -?\\d+ \\(repeat this order with --seed -?\\d+\\)");
    }

    @Test
    void jsonOutputIsTheSummaryForScripts() throws IOException {
        Result result = cli().run("replay", "--output", "json", fixturesAsNdjson().toString());

        JsonNode summary = JSON.readTree(result.out());
        assertThat(result.exitCode()).isZero();
        assertThat(summary.path("total").path("applied").asLong()).isEqualTo(10);
        assertThat(summary.path("byEventType").path("transfer_started").path("applied").asLong()).isEqualTo(1);
        assertThat(summary.path("errorCount").asLong()).isZero();
        assertThat(summary.path("notes").path("order").asText()).isEqualTo("file");
        assertThat(summary.has("eventsPerSecond")).isTrue();
    }

    @Test
    void progressIsPrintedAsPlainLinesOnStderrWhenNotOnATerminal() throws IOException {
        Result result = cli().run("replay", "--batch-size", "3", "--progress-interval", "0",
                fixturesAsNdjson().toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err().lines().toList()).isNotEmpty()
                .allMatch(line -> line.matches("replayed \\d+ events \\(\\d+/s\\)"));
        assertThat(result.err()).contains("replayed 3 events", "replayed 10 events")
                .doesNotContain("\r").doesNotContain("\u001b[");
        assertThat(result.out()).startsWith("event type").doesNotContain("replayed ");
    }

    @Test
    void quietPrintsOnlyTheSummary() throws IOException {
        Result result = cli().run("replay", "-q", "--progress-interval", "0", fixturesAsNdjson().toString());

        assertThat(result.err()).isEmpty();
    }

    @Test
    void fromInboxProcessesStoredRejectedDeliveriesAgain() {
        byte[] started = Fixtures.bytes("01-outbound-call_started.json");
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, detail)
                VALUES ('call:call_4e1b9c07d2a85f36e1c04b7a9d2:call_started', 'call_started',
                        'call_4e1b9c07d2a85f36e1c04b7a9d2', :body, now(), 'rejected', 'rejected by an older version'),
                       ('malformed:abc', 'unknown', NULL, :junk, now(), 'rejected', 'body is not valid JSON')
                """).bind("body", started).bind("junk", "{oops".getBytes()).execute());

        Result dryRun = cli().run("replay", "--from-inbox", "--dry-run");
        assertThat(Tables.count(db, "calls")).as("dry run").isZero();
        Result result = cli().run("replay", "--from-inbox", "--status", "rejected");

        assertThat(SummaryTable.row(dryRun.out(), "call_started")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(result.exitCode()).as("the junk stays rejected").isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(SummaryTable.row(result.out(), "call_started")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(result.out())
                .contains("inbox:malformed:abc unknown rejected:")
                .contains("source: inbox entries with status rejected");
        assertThat(Tables.count(db, "calls")).isEqualTo(1);
        String status = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM webhook_events WHERE call_id = 'call_4e1b9c07d2a85f36e1c04b7a9d2'")
                .mapTo(String.class).one());
        assertThat(status).isEqualTo("applied");
    }

    @Test
    void fromInboxWithStatusDeadAppliesEventsTheAppliersGaveUpOn() {
        byte[] started = Fixtures.bytes("01-outbound-call_started.json");
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, detail,
                                            apply_attempts)
                VALUES ('call:call_4e1b9c07d2a85f36e1c04b7a9d2:call_started', 'call_started',
                        'call_4e1b9c07d2a85f36e1c04b7a9d2', :body, now(), 'dead',
                        'apply attempt 10 of 10 failed: a database error (SQLState P0001)', 10)
                """).bind("body", started).execute());

        Result result = cli().run("replay", "--from-inbox", "--status", "dead");

        assertThat(result.exitCode()).isZero();
        assertThat(SummaryTable.row(result.out(), "call_started")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(result.out()).contains("source: inbox entries with status dead");
        assertThat(Tables.count(db, "calls")).isEqualTo(1);
        String status = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM webhook_events WHERE call_id = 'call_4e1b9c07d2a85f36e1c04b7a9d2'")
                .mapTo(String.class).one());
        assertThat(status).isEqualTo("applied");
    }

    @Test
    void exitCodeIs3WhenTheDatabaseCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = new CliRunner().at(NOW).run("replay", "--db-url",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/callhook?password=secret", fixturesAsNdjson().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).startsWith("callhook replay: could not reach the database: jdbc:postgresql://127.0.0.1:"
                + closedPort + "/callhook?password=***").doesNotContain("secret");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void usageErrorsExitWith2() throws IOException {
        String file = fixturesAsNdjson().toString();

        assertThat(cli().run("replay").err()).startsWith("callhook replay: missing INPUT");
        assertThat(cli().run("replay").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--seed", "3", file).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--at", "2026-09-21T10:00:00Z", file).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--verify", file).err()).contains("no Retell API key");
        assertThat(cli().run("replay", "--order", "random", file).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--batch-size", "0", file).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--from-inbox", file).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--status", "failed", file).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("replay", "--db-url", "mysql://x", file).err())
                .startsWith("callhook replay: --db-url must be a PostgreSQL JDBC URL");
        assertThat(Tables.count(db, "webhook_events")).isZero();
    }

    @Test
    void helpDocumentsTheInputFormatsOptionsAndExitCodes() {
        Result result = cli().run("replay", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: callhook replay", ".ndjson/.jsonl", "--verify", "--order=ORDER",
                        "--dry-run", "--from-inbox", "--batch-size=N", "--output=FORMAT", "--url=URL", "--db-url=JDBC_URL",
                        "Exit codes:")
                .containsPattern("\\s3\\s+could not reach the database or the server")
                .doesNotContain("--progress-interval");
    }
}
