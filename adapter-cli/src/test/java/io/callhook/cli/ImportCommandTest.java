package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.support.CliRunner;
import io.callhook.cli.support.CliRunner.Result;
import io.callhook.cli.support.Setups;
import io.callhook.cli.support.Tables;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code callhook import} of JSON set-ups and CSV contacts into a real PostgreSQL schema. */
class ImportCommandTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void empty() {
        db.truncateAll();
    }

    private CliRunner cli() {
        return new CliRunner().database(db);
    }

    private Result importJson(String json) throws IOException {
        return cli().run("import", Setups.write(dir, "setup.json", json).toString());
    }

    @Test
    void importsASetupAndPrintsTheCreatedIds() throws IOException {
        Result result = importJson(Setups.acmeDental());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("organization  [0-9a-f-]{36}  Acme Dental")
                .containsPattern("  user          [0-9a-f-]{36}  desk@acme\\.test")
                .containsPattern("  agent         [0-9a-f-]{36}  agent_8c3f1a9e5b7d2c4e6f0a1b3d5c \\(Recall\\)")
                .containsPattern("  phone number  [0-9a-f-]{36}  \\+14155550100")
                .containsPattern("  campaign      [0-9a-f-]{36}  September recall \\(processing, 2 contacts\\)")
                .endsWith("Imported 1 organization, 2 users, 2 agents, 2 phone numbers, 1 campaign, 2 contacts.\n");
        assertThat(Tables.count(db, "organizations")).isEqualTo(1);
        assertThat(Tables.count(db, "user_profiles")).isEqualTo(2);
        assertThat(Tables.count(db, "agents")).isEqualTo(2);
        assertThat(Tables.count(db, "phone_numbers")).isEqualTo(2);
        assertThat(Tables.snapshot(db).get("campaign_contacts")).hasSize(2)
                .anySatisfy(row -> assertThat(row).contains("phone_number=+12125550199", "status=pending"));
        assertThat(Tables.snapshot(db).get("call_campaigns").get(0)).contains("status=processing");
    }

    @Test
    void jsonOutputListsTheIdsForScripts() throws IOException {
        Result result = cli().run("import", "--output", "json",
                Setups.write(dir, "setup.json", Setups.acmeDental()).toString());

        JsonNode created = JSON.readTree(result.out());
        JsonNode campaign = created.path("organizations").get(0).path("campaigns").get(0);
        assertThat(campaign.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(campaign.path("status").asText()).isEqualTo("processing");
        assertThat(campaign.path("contacts")).hasSize(2);
        assertThat(created.path("organizations").get(0).path("agents").get(1).path("retell_agent_id").asText())
                .isEqualTo(Setups.INBOUND_AGENT);
    }

    @Test
    void aRefusedValueIsNamedByItsJsonPathAndNothingIsImported() throws IOException {
        Result zone = importJson(Setups.acmeDental().replace("America/New_York", "America/Atlantis"));
        Result contact = importJson(Setups.acmeDental().replace("+1 (212) 555-0199", "555-CALL-ME"));
        Result retry = importJson(Setups.acmeDental().replace("\"busy\"]", "\"declined\"]"));

        assertThat(zone.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(zone.err()).isEqualTo("callhook import: " + dir.resolve("setup.json")
                + ": organizations[0].campaigns[0].calling_window.zone: must be an IANA time zone, e.g."
                + " America/New_York\nNothing was imported.\n");
        assertThat(contact.err()).contains("setup.json: organizations[0].campaigns[0].contacts[1].phone_number: must be"
                + " a phone number in E.164 form");
        assertThat(retry.err()).contains("setup.json: organizations[0].campaigns[0].retry_on[1]: must be one of");
        assertThat(zone.out()).isEmpty();
        assertThat(Tables.count(db, "organizations")).as("all or nothing").isZero();
        assertThat(Tables.count(db, "agents")).isZero();
    }

    @Test
    void shapeErrorsAreNamedBeforeAnythingIsWritten() throws IOException {
        assertThat(importJson(Setups.acmeDental().replace("\"max_attempts\"", "\"max_attempt\"")).err())
                .contains("setup.json: organizations[0].campaigns[0].max_attempt: unknown field; expected one of");
        assertThat(importJson(Setups.acmeDental().replace("\"agent\": \"agent_8c3f", "\"agent\": \"agent_0000")).err())
                .contains("setup.json: organizations[0].campaigns[0].agent: no agent with retell_agent_id"
                        + " 'agent_00001a9e5b7d2c4e6f0a1b3d5c' in organizations[0].agents");
        assertThat(importJson(Setups.acmeDental().replace("\"max_attempts\": 3", "\"max_attempts\": \"3\"")).err())
                .contains("organizations[0].campaigns[0].max_attempts: must be a whole number, found text");
        assertThat(importJson(Setups.acmeDental().replace("\"status\": \"processing\"", "\"status\": \"running\""))
                .err()).contains("organizations[0].campaigns[0].status: must be one of draft, processing");
        Result invalidJson = importJson("{\"organizations\": [\n  {\"name\": \"x\",}\n]}");
        assertThat(invalidJson.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(invalidJson.err()).contains("setup.json: line 2, column ").contains("invalid JSON");
        assertThat(Tables.count(db, "organizations")).isZero();
    }

    @Test
    void aConflictWithTheDatabaseIsNamedToo() throws IOException {
        importJson(Setups.acmeDental());

        Result again = importJson(Setups.acmeDental());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(again.err()).contains("setup.json: organizations[0].agents[0].retell_agent_id: Retell agent"
                + " agent_8c3f1a9e5b7d2c4e6f0a1b3d5c is already registered");
        assertThat(Tables.count(db, "organizations")).isEqualTo(1);
    }

    @Test
    void aDryRunValidatesButImportsNothing() throws IOException {
        Result result = cli().run("import", "--dry-run", Setups.write(dir, "setup.json", Setups.acmeDental()).toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Imported 1 organization").contains("Dry run: nothing was imported");
        assertThat(Tables.count(db, "organizations")).isZero();
    }

    @Test
    void csvContactsAreAddedToACampaignAndARefusedLineIsNamed() throws IOException {
        JsonNode created = JSON.readTree(cli().run("import", "--output", "json",
                Setups.write(dir, "setup.json", Setups.acmeDental()).toString()).out());
        String campaign = created.path("organizations").get(0).path("campaigns").get(0).path("id").asText();
        Path csv = Setups.write(dir, "contacts.csv", "\uFEFFphone_number,name,customer_name,last_visit\r\n"
                + "+12125550100,Ann Lee,Ann,\"March 3, 2026\"\r\n"
                + "\r\n"
                + "+12125550198,Maria Lopez,Maria,\r\n"
                + "\"+1 212 555 0101\",\"Bob \"\"the builder\"\"\",Bob,June\r\n");
        Path bad = Setups.write(dir, "bad.csv", "phone_number,name\n+12125550102,A\nnot a number,B\n");

        Result result = cli().run("import", csv.toString(), "--campaign", campaign);
        Result refused = cli().run("import", bad.toString(), "--campaign", campaign);
        Result withoutCampaign = cli().run("import", csv.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Added 2 contacts to campaign " + campaign
                + " (1 skipped: already in the campaign or repeated).\n");
        assertThat(Tables.snapshot(db).get("campaign_contacts"))
                .anySatisfy(row -> assertThat(row).contains("phone_number=+12125550101", "name=Bob \"the builder\"",
                        "\"last_visit\": \"June\""));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(refused.err()).startsWith("callhook import: " + bad + ":3: phone_number: must be a phone number");
        assertThat(Tables.count(db, "campaign_contacts")).isEqualTo(4);
        assertThat(withoutCampaign.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpShowsTheFileFormats() {
        Result result = cli().run("import", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"organizations\"", "\"calling_window\"", "phone_number,name",
                "--campaign=ID", "--dry-run", "Exit codes:");
        assertThat(List.of(result.err())).containsExactly("");
    }
}
