package io.callhook.cli.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.cli.support.Setups;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.service.AdministrationService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The set-up file format and its import through the administration use case, on the in-memory store. */
class SetupImporterTest {

    private final SetupImporter importer = importer();

    /** On a fresh store (the command makes an import one transaction; here each refusal gets an empty store). */
    private static SetupImporter importer() {
        return new SetupImporter(new AdministrationService(new InMemoryStore(),
                Clock.fixed(Instant.parse("2026-09-21T10:00:00Z"), ZoneOffset.UTC)));
    }

    private static SetupFile parse(String json) throws SetupException {
        return SetupFile.parse("setup.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createsEveryRecordAndMovesTheCampaignToItsStatus() throws SetupException {
        SetupImporter.ImportReport report = importer.importSetup("setup.json", parse(Setups.acmeDental()));

        SetupImporter.OrganizationResult acme = report.organizations().get(0);
        assertThat(acme.users()).extracting(u -> u.email()).containsExactly("desk@acme.test", "owner@acme.test");
        assertThat(acme.phoneNumbers().get(1).inboundAgentId()).isEqualTo(acme.agents().get(1).id());
        SetupImporter.CampaignResult campaign = acme.campaigns().get(0);
        assertThat(campaign.campaign().status()).isEqualTo(CampaignStatus.PROCESSING);
        assertThat(campaign.campaign().agentId()).isEqualTo(acme.agents().get(0).id());
        assertThat(campaign.contacts()).extracting(c -> c.phoneNumber().value())
                .containsExactly("+12125550198", "+12125550199");
        assertThat(campaign.campaign().callingWindow().zone().getId()).isEqualTo("America/New_York");
    }

    @Test
    void theSmallestSetUpIsAnOrganisationName() throws SetupException {
        SetupImporter.ImportReport report = importer.importSetup("setup.json",
                parse("{\"organizations\": [{\"name\": \"Solo\"}]}"));

        assertThat(report.organizations().get(0).organization().name()).isEqualTo("Solo");
    }

    @Test
    void shapeErrorsNameTheJsonPath() {
        assertThatThrownBy(() -> parse("[]")).hasMessage("setup.json: must be an object, found an array");
        assertThatThrownBy(() -> parse("{}")).hasMessage("setup.json: organizations: is required");
        assertThatThrownBy(() -> parse("{\"organizations\": [{\"name\": 1}]}"))
                .hasMessage("setup.json: organizations[0].name: must be text, found a number");
        assertThatThrownBy(() -> parse("{\"organizations\": [{\"name\": \"x\", \"campaigns\": [{\"name\": \"c\","
                + " \"agent\": \"a\", \"contacts\": [{\"phone_number\": \"+12125550100\", \"variables\": {\"n\": 1}}]}]}]}"))
                .hasMessage("setup.json: organizations[0].campaigns[0].contacts[0].variables.n: must be text (Retell's"
                        + " dynamic variables are strings), found a number");
        assertThatThrownBy(() -> parse("{\"organizations\": [{\"name\": \"x\", \"name\": \"y\"}]}"))
                .hasMessageContaining("invalid JSON: Duplicate field 'name'");
    }

    @Test
    void refusalsOfTheUseCaseNameTheJsonPath() {
        assertThatThrownBy(() -> importer().importSetup("setup.json", parse(Setups.acmeDental()
                .replace("\"+14155550142\"", "\"0800 CALLHOOK\""))))
                .hasMessage("setup.json: organizations[0].phone_numbers[0]: must be a phone number in E.164 form,"
                        + " e.g. +14155550100");
        assertThatThrownBy(() -> importer().importSetup("setup.json", parse(Setups.acmeDental()
                .replace("\"owner@acme.test\"", "{\"email\": \"owner-at-acme\"}"))))
                .hasMessage("setup.json: organizations[0].users[1].email: must be an e-mail address");
        assertThatThrownBy(() -> importer().importSetup("setup.json", parse(Setups.acmeDental()
                .replace("\"end\": \"17:00\"", "\"end\": \"08:00\""))))
                .hasMessage("setup.json: organizations[0].campaigns[0].calling_window.end: must be a local time HH:mm"
                        + " after the start");
    }

    @Test
    void csvColumnsBecomeNameAndVariablesAndErrorsNameTheLine() throws SetupException {
        ContactsCsv csv = ContactsCsv.parse("c.csv", ("phone_number,Name,plan\n"
                + "+12125550100,\"Lee, Ann\",gold\n\n"
                + "+12125550101,,\n").getBytes(StandardCharsets.UTF_8));

        assertThat(csv.lines()).containsExactly(2, 4);
        assertThat(csv.contacts().get(0).name()).isEqualTo("Lee, Ann");
        assertThat(csv.contacts().get(0).variables()).containsExactly(java.util.Map.entry("plan", "gold"));
        assertThat(csv.contacts().get(1).name()).isNull();
        assertThat(csv.contacts().get(1).variables()).isEmpty();
        assertThatThrownBy(() -> ContactsCsv.parse("c.csv", "name\nAnn\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("c.csv:1: no phone_number column");
        assertThatThrownBy(() -> ContactsCsv.parse("c.csv", "phone_number,name\n+1212,a,b\n"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("c.csv:2: 3 fields, but the header has 2");
        assertThatThrownBy(() -> ContactsCsv.parse("c.csv", "phone_number\n\"+1212\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("c.csv:2: a quoted field is not closed before the end of the file");
        assertThatThrownBy(() -> ContactsCsv.parse("c.csv", new byte[] {(byte) 0xff, 'a'}))
                .hasMessageStartingWith("c.csv: is not UTF-8 text");
    }
}
