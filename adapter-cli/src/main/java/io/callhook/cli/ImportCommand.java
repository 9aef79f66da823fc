package io.callhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.cli.db.CliDatabase;
import io.callhook.cli.db.DatabaseOptions;
import io.callhook.cli.db.JoinedUnitOfWork;
import io.callhook.cli.db.RollbackUnitOfWork;
import io.callhook.cli.input.RawBodies;
import io.callhook.cli.setup.ContactsCsv;
import io.callhook.cli.setup.SetupException;
import io.callhook.cli.setup.SetupFile;
import io.callhook.cli.setup.SetupImporter;
import io.callhook.cli.setup.SetupImporter.CampaignResult;
import io.callhook.cli.setup.SetupImporter.ImportReport;
import io.callhook.cli.setup.SetupImporter.OrganizationResult;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.Contact;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.User;
import io.callhook.core.port.in.AdministrationUseCase.ContactsAdded;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.service.AdministrationService;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code callhook import setup.json} / {@code callhook import contacts.csv --campaign ID}: creates a set-up through the
 * administration use case (the management API's validation), all in one transaction.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Import organisations, users, agents, phone numbers, campaigns and contacts.",
        description = {
            "Create a customer's set-up from a JSON file, or add contacts to a campaign from a CSV file, with the"
                + " same validation as the management API. Everything is imported in one transaction: a refused value"
                + " imports nothing, and the error names the file and the JSON path or CSV line. Prints the created"
                + " ids. The schema is migrated first, as the server does at start (not with --dry-run).",
            "",
            "setup.json (snake_case, as in the API; fields marked * are required):",
            "{\"organizations\": [{",
            "  \"name\"*: \"Acme Dental\",",
            "  \"users\": [{\"email\"*: \"desk@acme.test\", \"display_name\": \"Desk\"}],",
            "  \"agents\": [{\"retell_agent_id\"*: \"agent_8c3f...\", \"name\": \"Recall\"}],",
            "  \"phone_numbers\": [{\"number\"*: \"+14155550142\",",
            "                     \"inbound_agent\": \"agent_8c3f...\"}],",
            "  \"campaigns\": [{",
            "    \"name\"*: \"September recall\", \"agent\"*: \"agent_8c3f...\",",
            "    \"retry_on\": [\"no_answer\", \"busy\"], \"max_attempts\": 3,",
            "    \"retry_delay_seconds\": 3600,",
            "    \"calling_window\": {\"days\": [\"monday\", \"friday\"], \"start\": \"09:00\",",
            "                       \"end\": \"17:00\", \"zone\": \"America/New_York\"},",
            "    \"status\": \"processing\",",
            "    \"contacts\": [{\"phone_number\"*: \"+12125550198\", \"name\": \"Maria\",",
            "                  \"variables\": {\"customer_name\": \"Maria\"}}]}]}]}",
            "A user or phone number may also be given as just its e-mail or number. A campaign's \"agent\" and a"
                + " number's \"inbound_agent\" name a retell_agent_id of the same organisation's agents. \"status\""
                + " is draft (default), processing, paused, completed or cancelled.",
            "",
            "contacts.csv (UTF-8, with --campaign): a header line naming the columns, phone_number (required), name"
                + " (optional) and any other column as a dynamic variable of the contact:",
            "  phone_number,name,customer_name",
            "  +12125550198,Maria Lopez,Maria",
            ""},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.IMPORT_OK, ExitCodes.IMPORT_REFUSED, ExitCodes.USAGE_LINE,
            ExitCodes.DATABASE_UNAVAILABLE_LINE})
public final class ImportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "setup.json, or contacts.csv with --campaign.")
    String file;

    @Option(names = "--campaign", paramLabel = "ID",
            description = "For a CSV file: the campaign (id) the contacts are added to.")
    String campaign;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--dry-run",
            description = "Validate everything in a transaction that is rolled back: nothing is imported.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "What was created, as text or json. Default: ${DEFAULT-VALUE}")
    ReplayCommand.Output output;

    public ImportCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String name = file.toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".json")) {
            throw new ParameterException(spec.commandLine(), file + ": expected a .json set-up or a .csv of contacts");
        }
        CampaignId campaignId = null;
        if (csv) {
            if (campaign == null) {
                throw new ParameterException(spec.commandLine(), "a CSV file holds contacts: name their campaign"
                        + " with --campaign ID");
            }
            try {
                campaignId = CampaignId.parse(campaign.strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--campaign must be a campaign id (a UUID), was '"
                        + campaign + "'");
            }
        } else if (campaign != null) {
            throw new ParameterException(spec.commandLine(), "--campaign applies to CSV files of contacts only");
        }
        byte[] bytes;
        try {
            bytes = RawBodies.read(file, environment.stdin());
        } catch (RawBodies.UnreadableInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String shown = file;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            // parse before touching the database: a malformed file needs no database to be reported
            SetupFile setup = csv ? null : SetupFile.parse(shown, bytes);
            ContactsCsv contacts = csv ? ContactsCsv.parse(shown, bytes) : null;
            try (CliDatabase db = CliDatabase.open(database.settings(environment, spec.commandLine()),
                    dryRun ? CliDatabase.SchemaPolicy.REQUIRE_CURRENT : CliDatabase.SchemaPolicy.MIGRATE)) {
                UnitOfWork store = dryRun ? new RollbackUnitOfWork(db.unitOfWork()) : db.unitOfWork();
                JoinedUnitOfWork oneTransaction = new JoinedUnitOfWork(store);
                SetupImporter importer = new SetupImporter(new AdministrationService(oneTransaction,
                        environment.clock()));
                if (csv) {
                    CampaignId id = campaignId;
                    ContactsAdded added = inOneTransaction(oneTransaction, () -> importer.importContacts(shown, id,
                            contacts));
                    out.print(output == ReplayCommand.Output.JSON ? json(id, added) : text(id, added));
                } else {
                    ImportReport report = inOneTransaction(oneTransaction, () -> importer.importSetup(shown, setup));
                    out.print(output == ReplayCommand.Output.JSON ? json(report) : text(report));
                }
                if (dryRun) {
                    (output == ReplayCommand.Output.JSON ? err : out).println("Dry run: nothing was imported"
                            + " (the ids above were rolled back).");
                }
                out.flush();
                err.flush();
                return ExitCodes.OK;
            }
        } catch (SetupException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.println("Nothing was imported.");
            err.flush();
            return ExitCodes.SOME_EVENTS_FAILED;
        }
    }

    /** Work that may refuse: inside it a refusal rolls the transaction back; outside it is a checked exception again. */
    private interface Work<T> {
        T run() throws SetupException;
    }

    private static <T> T inOneTransaction(JoinedUnitOfWork unitOfWork, Work<T> work) throws SetupException {
        try {
            return unitOfWork.inTransaction(stores -> {
                try {
                    return work.run();
                } catch (SetupException e) {
                    throw new Refused(e);
                }
            });
        } catch (Refused refused) {
            throw refused.exception;
        }
    }

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final SetupException exception;

        Refused(SetupException exception) {
            super(exception.getMessage(), exception, false, false);
            this.exception = exception;
        }
    }

    private static String text(ImportReport report) {
        StringBuilder text = new StringBuilder();
        int users = 0;
        int agents = 0;
        int numbers = 0;
        int campaigns = 0;
        long contacts = 0;
        for (OrganizationResult org : report.organizations()) {
            text.append("organization  ").append(org.organization().id()).append("  ")
                    .append(org.organization().name()).append('\n');
            for (User user : org.users()) {
                text.append("  user          ").append(user.id()).append("  ").append(user.email()).append('\n');
            }
            for (Agent agent : org.agents()) {
                text.append("  agent         ").append(agent.id()).append("  ").append(agent.retellAgentId())
                        .append(agent.name() == null ? "" : " (" + agent.name() + ")").append('\n');
            }
            for (PhoneNumber number : org.phoneNumbers()) {
                text.append("  phone number  ").append(number.id()).append("  ").append(number.number()).append('\n');
            }
            for (CampaignResult campaign : org.campaigns()) {
                text.append("  campaign      ").append(campaign.campaign().id()).append("  ")
                        .append(campaign.campaign().name()).append(" (").append(campaign.campaign().status().wire())
                        .append(", ").append(plural(campaign.contacts().size(), "contact"))
                        .append(campaign.skipped() > 0 ? ", " + campaign.skipped() + " repeated number(s) skipped" : "")
                        .append(")\n");
                contacts += campaign.contacts().size();
            }
            users += org.users().size();
            agents += org.agents().size();
            numbers += org.phoneNumbers().size();
            campaigns += org.campaigns().size();
        }
        text.append("Imported ").append(plural(report.organizations().size(), "organization")).append(", ")
                .append(plural(users, "user")).append(", ").append(plural(agents, "agent")).append(", ")
                .append(plural(numbers, "phone number")).append(", ").append(plural(campaigns, "campaign"))
                .append(", ").append(plural(contacts, "contact")).append(".\n");
        return text.toString();
    }

    private static String text(CampaignId campaign, ContactsAdded added) {
        return "Added " + plural(added.added().size(), "contact") + " to campaign " + campaign
                + (added.skipped() > 0 ? " (" + added.skipped() + " skipped: already in the campaign or repeated)" : "")
                + ".\n";
    }

    private static String json(ImportReport report) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode orgs = root.putArray("organizations");
        for (OrganizationResult org : report.organizations()) {
            ObjectNode o = orgs.addObject();
            o.put("id", org.organization().id().toString());
            o.put("name", org.organization().name());
            ArrayNode users = o.putArray("users");
            org.users().forEach(u -> users.addObject().put("id", u.id().toString()).put("email", u.email()));
            ArrayNode agents = o.putArray("agents");
            org.agents().forEach(a -> agents.addObject().put("id", a.id().toString())
                    .put("retell_agent_id", a.retellAgentId()));
            ArrayNode numbers = o.putArray("phone_numbers");
            org.phoneNumbers().forEach(n -> numbers.addObject().put("id", n.id().toString())
                    .put("number", n.number().toString()));
            ArrayNode campaigns = o.putArray("campaigns");
            for (CampaignResult c : org.campaigns()) {
                ObjectNode campaign = campaigns.addObject();
                campaign.put("id", c.campaign().id().toString());
                campaign.put("name", c.campaign().name());
                campaign.put("status", c.campaign().status().wire());
                campaign.put("contacts_skipped", c.skipped());
                contactArray(campaign.putArray("contacts"), c.contacts());
            }
        }
        return write(root);
    }

    private static String json(CampaignId campaign, ContactsAdded added) {
        ObjectNode root = JSON.createObjectNode();
        root.put("campaign_id", campaign.toString());
        root.put("contacts_skipped", added.skipped());
        contactArray(root.putArray("contacts"), added.added());
        return write(root);
    }

    private static void contactArray(ArrayNode array, java.util.List<Contact> contacts) {
        contacts.forEach(c -> array.addObject().put("id", c.id().toString())
                .put("phone_number", c.phoneNumber().toString()));
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
