package io.callhook.acceptance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.acceptance.cli.CliJar.Result;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callhook} as support staff run it: the fat jar as a separate process ({@code java -jar callhook-cli.jar}), no
 * terminal, against the real server's PostgreSQL schema and, with {@code --url}, against the real running server.
 * Skipped (before the server starts) when the jar has not been built, e.g. with {@code mvn -pl acceptance-tests}.
 */
@EnabledIf(value = "io.callhook.acceptance.cli.CliJar#isBuilt",
        disabledReason = "adapter-cli/target/callhook-cli.jar is missing: build adapter-cli first (the reactor does;"
                + " with -pl use -pl adapter-cli,acceptance-tests -am)")
class ReplayCliAcceptanceTest {

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start();

    /** The key Retell signed the recorded fixtures with (see fixture-signatures.json). */
    private static final String FIXTURE_KEY = "key_fixture_5e6f7a8b9c0d1e2f3a4b5c6d";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void blankDatabase() {
        server.truncateAll();
    }

    /** The jar, pointed at the server's schema like the server's own environment would. */
    private CliJar cli() {
        CliJar cli = new CliJar(dir)
                .env("CALLHOOK_DATABASE_URL", server.database().jdbcUrl())
                .env("CALLHOOK_DATABASE_USER", server.database().user());
        if (!server.database().password().isEmpty()) {
            cli.env("CALLHOOK_DATABASE_PASSWORD", server.database().password());
        }
        return cli;
    }

    @Test
    void aSupportEngineerGoesFromADownloadedFileToAVerifiedResult() throws IOException {
        Path setup = write("setup.json", setup());
        Path deliveries = write("deliveries.ndjson", recordedDeliveries(allLifecycles()));

        Result imported = cli().run("import", setup.toString());
        Result dryRun = cli().env("RETELL_API_KEY", FIXTURE_KEY).run("replay", "--verify", "--dry-run",
                deliveries.toString());
        long storedAfterDryRun = server.rows("webhook_events");
        Result replayed = cli().env("RETELL_API_KEY", FIXTURE_KEY).run("replay", "--verify", deliveries.toString());
        Map<String, List<String>> afterFirst = snapshot();
        Result again = cli().env("RETELL_API_KEY", FIXTURE_KEY).run("replay", "--verify", deliveries.toString());
        Result stats = cli().run("stats", "--campaign", campaignId(imported.out()), "--output", "json");

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported 1 organization, 2 users, 3 agents, 2 phone numbers, 1 campaign,"
                + " 3 contacts.");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("dry run: nothing was written");
        assertThat(storedAfterDryRun).isZero();
        assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
        assertThat(totals(replayed.out())).as("chat and SMS events are recorded, not acted on")
                .containsExactly(21L, 0L, 4L, 0L, 0L, 25L);
        assertThat(replayed.out()).contains("verify: signatures checked at their own time").doesNotContain(FIXTURE_KEY);
        assertThat(again.exitCode()).isZero();
        assertThat(totals(again.out())).containsExactly(0L, 25L, 0L, 0L, 0L, 25L);
        assertThat(snapshot()).as("replaying twice changes nothing").isEqualTo(afterFirst);
        JsonNode report = JSON.readTree(stats.out());
        assertThat(report.path("progress").path("processed").asLong()).isEqualTo(3);
        assertThat(report.path("progress").path("by_outcome").path("connected").asLong()).isEqualTo(1);
        assertThat(report.path("progress").path("by_outcome").path("voicemail").asLong()).isEqualTo(1);
        assertThat(report.path("progress").path("by_outcome").path("no_answer").asLong()).isEqualTo(1);
        assertThat(server.rows("notifications")).as("two users × three inbound calls").isEqualTo(6);
    }

    @Test
    void malformedInputIsReportedWithItsPositionAndTheRestIsReplayed() throws IOException {
        cli().run("import", write("setup.json", setup()).toString());
        Path file = write("calls.ndjson", compact(Fixtures.BOOKED.get(0)) + "\n{\"event\": \"call_ended\",\n"
                + compact(Fixtures.BOOKED.get(2)) + "\n");

        Result result = cli().run("replay", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).containsPattern("calls\\.ndjson:2 \\(unreadable\\) failed: invalid JSON");
        assertThat(totals(result.out())).containsExactly(2L, 0L, 0L, 0L, 1L, 3L);
        assertThat(server.rows("calls")).isEqualTo(1);
    }

    @Test
    void replayingToTheRunningServerEndsLikeReplayingIntoItsDatabase() throws IOException {
        Path setup = write("setup.json", setup());
        Path events = write("events.ndjson", plainBodies(allLifecycles()));

        cli().run("import", setup.toString());
        Result overHttp = new CliJar(dir).env("RETELL_API_KEY", CallhookServer.RETELL_API_KEY)
                .run("replay", "--url", server.baseUri() + "/webhooks/retell", events.toString());
        server.awaitApplied();
        Map<String, List<String>> viaServer = snapshot();
        server.truncateAll();
        cli().run("import", setup.toString());
        Result direct = cli().run("replay", "--order", "shuffle", "--seed", "42", events.toString());

        assertThat(overHttp.exitCode()).as(overHttp.toString()).isZero();
        assertThat(totals(overHttp.out())).containsExactly(25L, 0L, 0L, 0L, 0L, 25L);
        assertThat(direct.exitCode()).as(direct.toString()).isZero();
        assertThat(snapshot()).isEqualTo(viaServer);
    }

    @Test
    void exitCodesTellScriptsWhatHappened() throws IOException {
        Path events = write("events.ndjson", plainBodies(Fixtures.BOOKED));
        int closedPort = closedPort();

        Result ok = cli().run("replay", events.toString());
        Result usage = cli().run("replay");
        Result noDatabase = new CliJar(dir).run("replay", "--db-url",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/callhook", events.toString());
        Result noServer = new CliJar(dir).env("RETELL_API_KEY", "key").run("replay", "--url",
                "http://127.0.0.1:" + closedPort + "/webhooks/retell", events.toString());
        Result rejected = cli().run("replay", write("bad.ndjson", "{\"event\": \"call_ended\"}\n").toString());

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).startsWith("callhook replay: missing INPUT");
        assertThat(noDatabase.exitCode()).as(noDatabase.toString()).isEqualTo(3);
        assertThat(noDatabase.err()).startsWith("callhook replay: could not reach the database:");
        assertThat(noServer.exitCode()).as(noServer.toString()).isEqualTo(3);
        assertThat(noServer.err()).contains("could not reach http://127.0.0.1:" + closedPort);
        assertThat(rejected.exitCode()).isEqualTo(1);
    }

    @Test
    void withoutATerminalTheOutputIsPlainTextAndJsonOnRequest() throws IOException {
        Path events = write("events.ndjson", plainBodies(allLifecycles()));

        Result text = cli().run("replay", events.toString());
        Result json = cli().run("replay", "--output", "json", events.toString());
        Result help = new CliJar(dir).run("replay", "--help");
        Result version = new CliJar(dir).run("--version");

        assertThat(text.out()).startsWith("event type").contains("events/s)");
        assertThat(text.out() + text.err()).doesNotContain("\r").doesNotContain("\u001b[");
        assertThat(text.err().lines()).allMatch(line -> line.matches("replayed \\d+ events \\(\\d+/s\\)"));
        JsonNode summary = JSON.readTree(json.out());
        assertThat(summary.path("total").path("duplicate").asLong()).isEqualTo(25);
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: callhook replay", "Exit codes:");
        assertThat(version.out()).startsWith("callhook 0.");
    }

    // --- files

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> allLifecycles() {
        List<String> files = new ArrayList<>(Fixtures.BOOKED);
        files.addAll(Fixtures.NO_ANSWER);
        files.addAll(Fixtures.VOICEMAIL);
        files.add(Fixtures.INBOUND_WEBHOOK);
        files.addAll(Fixtures.INBOUND);
        files.addAll(Fixtures.TRANSFER);
        files.add(Fixtures.CANCELLED_TRANSFER);
        files.add(Fixtures.WEB);
        files.addAll(Fixtures.CHAT);
        files.add(Fixtures.SMS_INBOUND_WEBHOOK);
        return files;
    }

    private static String compact(String fixture) {
        try {
            return JSON.writeValueAsString(JSON.readTree(Fixtures.bytes(fixture)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plainBodies(List<String> fixtures) {
        StringBuilder ndjson = new StringBuilder();
        fixtures.forEach(f -> ndjson.append(compact(f)).append('\n'));
        return ndjson.toString();
    }

    /** Deliveries as recorded: the exact body and the signature Retell sent with it. */
    private static String recordedDeliveries(List<String> fixtures) throws IOException {
        JsonNode signatures = JSON.readTree(Fixtures.bytes("fixture-signatures.json")).path("files");
        StringBuilder ndjson = new StringBuilder();
        for (String fixture : fixtures) {
            ObjectNode delivery = JSON.createObjectNode();
            delivery.putObject("headers").put("x-retell-signature", signatures.path(fixture).path("signature").asText());
            delivery.put("body", new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8));
            ndjson.append(JSON.writeValueAsString(delivery)).append('\n');
        }
        return ndjson.toString();
    }

    private static String setup() {
        return """
                {"organizations": [{
                  "name": "Acme Dental",
                  "users": ["desk@acme.test", "owner@acme.test"],
                  "agents": [{"retell_agent_id": "%s"}, {"retell_agent_id": "%s"}, {"retell_agent_id": "%s"}],
                  "phone_numbers": ["%s", {"number": "%s", "inbound_agent": "%s"}],
                  "campaigns": [{"name": "September recall", "agent": "%s", "status": "processing",
                                 "contacts": [{"phone_number": "%s"}, {"phone_number": "%s"}, {"phone_number": "%s"}]}]
                }]}
                """.formatted(Fixtures.OUTBOUND_AGENT, Fixtures.FRONT_DESK_AGENT, Fixtures.VIP_AGENT,
                Fixtures.OUTBOUND_NUMBER, Fixtures.INBOUND_NUMBER, Fixtures.FRONT_DESK_AGENT, Fixtures.OUTBOUND_AGENT,
                Fixtures.BOOKED_CONTACT, Fixtures.NO_ANSWER_CONTACT, Fixtures.VOICEMAIL_CONTACT);
    }

    // --- reading results

    private static String campaignId(String importOutput) {
        Matcher m = Pattern.compile("campaign +([0-9a-f-]{36})").matcher(importOutput);
        assertThat(m.find()).as(importOutput).isTrue();
        return m.group(1);
    }

    /** The summary's total row: applied, duplicate, ignored, rejected, failed, all. */
    private static List<Long> totals(String summary) {
        String line = summary.lines().filter(l -> l.startsWith("total ")).findFirst()
                .orElseThrow(() -> new AssertionError("no total row in:\n" + summary));
        return java.util.Arrays.stream(line.substring("total".length()).trim().split("\\s+")).map(Long::valueOf)
                .toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Key columns of the tables a replay writes, generated ids replaced by natural keys (imports create new ids), and
     * without the columns that say when or how often something arrived.
     */
    private static Map<String, List<String>> snapshot() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("calls", """
                SELECT c.call_id, c.state, c.outcome, cc.name AS campaign, ct.phone_number AS contact, c.started_at,
                       c.ended_at, c.duration_ms, c.disconnection_reason, c.cost_cents, c.call_successful,
                       c.in_voicemail, c.transfer_destination, c.direction, c.field_ranks::text AS ranks
                FROM calls c LEFT JOIN call_campaigns cc ON cc.id = c.campaign_id
                LEFT JOIN campaign_contacts ct ON ct.id = c.contact_id ORDER BY c.call_id""");
        queries.put("campaign_contacts", """
                SELECT ct.phone_number, ct.status, ct.attempts, ct.last_outcome, ct.failure_reason
                FROM campaign_contacts ct ORDER BY ct.phone_number""");
        queries.put("call_campaigns", """
                SELECT name, status, processed, successful, outcome_connected, outcome_voicemail, outcome_no_answer
                FROM call_campaigns ORDER BY name""");
        queries.put("notifications", """
                SELECT u.email, n.call_id, n.from_number, n.to_number FROM notifications n
                JOIN user_profiles u ON u.id = n.user_id ORDER BY u.email, n.call_id""");
        queries.put("webhook_events", """
                SELECT dedupe_key, event_type, call_id, status, detail FROM webhook_events ORDER BY dedupe_key""");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        server.jdbi().useHandle(h -> queries.forEach((table, sql) -> tables.put(table,
                h.createQuery(sql).mapToMap().list().stream().map(Object::toString).toList())));
        return tables;
    }
}
