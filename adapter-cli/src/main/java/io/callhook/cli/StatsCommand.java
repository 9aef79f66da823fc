package io.callhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.cli.db.CliDatabase;
import io.callhook.cli.db.DatabaseOptions;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.port.in.CallhookQueries.CampaignReport;
import io.callhook.core.service.QueryService;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code callhook stats --campaign ID}: a campaign's progress counters, outcomes, rates and contacts by status. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Show a campaign's progress: contacts by status, outcomes, rates.",
        description = {"Show a campaign's progress as the management API reports it: contacts by status, attempts"
                + " with an outcome (processed), successful attempts, attempts per outcome, success, contact and"
                + " voicemail rates (each divided by processed), the average call duration and the total cost. Reads"
                + " only."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.STATS_OK, ExitCodes.STATS_NOT_FOUND, ExitCodes.USAGE_LINE,
            ExitCodes.DATABASE_UNAVAILABLE_LINE})
public final class StatsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--campaign", paramLabel = "ID", required = true,
            description = "The campaign's id (a UUID, as printed by 'callhook import').")
    String campaign;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}")
    ReplayCommand.Output output;

    public StatsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CampaignId id;
        try {
            id = CampaignId.parse(campaign.strip());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--campaign must be a campaign id (a UUID), was '"
                    + campaign + "'");
        }
        Optional<CampaignReport> report;
        try (CliDatabase db = CliDatabase.open(database.settings(environment, spec.commandLine()),
                CliDatabase.SchemaPolicy.REQUIRE_CURRENT)) {
            report = new QueryService(db.unitOfWork()).campaign(id);
        }
        if (report.isEmpty()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": no campaign " + id);
            spec.commandLine().getErr().flush();
            return ExitCodes.SOME_EVENTS_FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == ReplayCommand.Output.JSON ? json(report.get()) : text(report.get()));
        out.flush();
        return ExitCodes.OK;
    }

    static String text(CampaignReport report) {
        Campaign campaign = report.campaign();
        CampaignProgress progress = campaign.progress();
        long contacts = report.contactsByStatus().values().stream().mapToLong(Long::longValue).sum();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("campaign", campaign.name() + " (" + campaign.id() + ")"));
        rows.add(List.of("status", campaign.status().wire()));
        rows.add(List.of("contacts", Long.toString(contacts)));
        for (ContactStatus status : ContactStatus.values()) {
            rows.add(List.of("  " + status.wire(), Long.toString(report.contactsByStatus().getOrDefault(status, 0L))));
        }
        rows.add(List.of("processed", Long.toString(progress.processed())));
        rows.add(List.of("successful", Long.toString(progress.successful())));
        for (Outcome outcome : Outcome.values()) {
            rows.add(List.of("  " + wire(outcome), Long.toString(progress.count(outcome))));
        }
        rows.add(List.of("success rate", percent(report.successRate())));
        rows.add(List.of("contact rate", percent(report.contactRate())));
        rows.add(List.of("voicemail rate", percent(report.voicemailRate())));
        rows.add(List.of("average duration", report.averageDurationMs() == null ? "-"
                : String.format(Locale.ROOT, "%.1f s", report.averageDurationMs() / 1000.0)));
        rows.add(List.of("total cost", report.totalCostCents().toPlainString() + " cents"));
        return TextTable.render(rows);
    }

    static String json(CampaignReport report) {
        Campaign campaign = report.campaign();
        CampaignProgress progress = campaign.progress();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode c = root.putObject("campaign");
        c.put("id", campaign.id().toString());
        c.put("name", campaign.name());
        c.put("status", campaign.status().wire());
        c.put("organization_id", campaign.organizationId().toString());
        c.put("agent_id", campaign.agentId().toString());
        c.put("created_at", campaign.createdAt().toString());
        if (campaign.completedAt() != null) {
            c.put("completed_at", campaign.completedAt().toString());
        }
        ObjectNode contacts = root.putObject("contacts");
        contacts.put("total", report.contactsByStatus().values().stream().mapToLong(Long::longValue).sum());
        ObjectNode byStatus = contacts.putObject("by_status");
        for (ContactStatus status : ContactStatus.values()) {
            byStatus.put(status.wire(), report.contactsByStatus().getOrDefault(status, 0L));
        }
        ObjectNode p = root.putObject("progress");
        p.put("processed", progress.processed());
        p.put("successful", progress.successful());
        ObjectNode byOutcome = p.putObject("by_outcome");
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(wire(outcome), progress.count(outcome));
        }
        ObjectNode rates = root.putObject("rates");
        rates.put("success", report.successRate());
        rates.put("contact", report.contactRate());
        rates.put("voicemail", report.voicemailRate());
        if (report.averageDurationMs() == null) {
            root.putNull("average_duration_ms");
        } else {
            root.put("average_duration_ms", report.averageDurationMs());
        }
        root.put("total_cost_cents", report.totalCostCents());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String wire(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }
}
