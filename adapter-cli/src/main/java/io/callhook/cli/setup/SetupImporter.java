package io.callhook.cli.setup;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.User;
import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.AdministrationUseCase.ContactsAdded;
import io.callhook.core.port.in.AdministrationUseCase.NewCallingWindow;
import io.callhook.core.port.in.AdministrationUseCase.NewCampaign;
import io.callhook.core.port.in.CommandResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a set-up through the administration use case, command by command, so every value is validated exactly as
 * the management API validates it. A refusal is reported with the file and the JSON path (or CSV line) of the value it
 * is about. Run it inside one transaction (see {@code JoinedUnitOfWork}) to import all or nothing.
 */
public final class SetupImporter {

    private static final Pattern CONTACT_FIELD = Pattern.compile("^contacts\\[(\\d+)](.*)$");
    private static final Map<String, List<CampaignStatus>> STATUS_PATHS = Map.of(
            "draft", List.of(),
            "processing", List.of(CampaignStatus.PROCESSING),
            "paused", List.of(CampaignStatus.PROCESSING, CampaignStatus.PAUSED),
            "completed", List.of(CampaignStatus.PROCESSING, CampaignStatus.COMPLETED),
            "cancelled", List.of(CampaignStatus.CANCELLED));

    private final AdministrationUseCase admin;

    public SetupImporter(AdministrationUseCase admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /** What an import created. */
    public record ImportReport(List<OrganizationResult> organizations) {
    }

    public record OrganizationResult(Organization organization, List<User> users, List<Agent> agents,
                                     List<PhoneNumber> phoneNumbers, List<CampaignResult> campaigns) {
    }

    /** A created campaign (in its final status) and the contacts added to it. */
    public record CampaignResult(Campaign campaign, List<Contact> contacts, int skipped) {
    }

    /**
     * Creates everything in {@code setup}, in file order.
     *
     * @throws SetupException at the first refusal, naming {@code file} and the JSON path
     */
    public ImportReport importSetup(String file, SetupFile setup) throws SetupException {
        for (SetupFile.Organization org : setup.organizations()) {
            for (SetupFile.Campaign campaign : org.campaigns()) {
                statusPath(file, campaign); // a typo in a status fails before anything is created
            }
        }
        List<OrganizationResult> results = new ArrayList<>();
        for (SetupFile.Organization org : setup.organizations()) {
            results.add(importOrganization(file, org));
        }
        return new ImportReport(List.copyOf(results));
    }

    private OrganizationResult importOrganization(String file, SetupFile.Organization spec) throws SetupException {
        Organization org = done(admin.createOrganization(spec.name()), file, spec.path(), field -> spec.path() + "." + field);
        List<User> users = new ArrayList<>();
        for (SetupFile.User user : spec.users()) {
            users.add(done(admin.createUser(org.id(), user.email(), user.displayName()), file, user.path(),
                    field -> field.equals("email") ? user.emailPath() : user.path() + "." + field));
        }
        Map<String, Agent> agents = new HashMap<>();
        List<Agent> created = new ArrayList<>();
        for (SetupFile.Agent agent : spec.agents()) {
            Agent a = done(admin.createAgent(org.id(), agent.retellAgentId(), agent.name()), file,
                    agent.path() + ".retell_agent_id", field -> agent.path() + "." + field);
            agents.put(a.retellAgentId(), a);
            created.add(a);
        }
        List<PhoneNumber> numbers = new ArrayList<>();
        for (SetupFile.PhoneNumber number : spec.phoneNumbers()) {
            String inboundAgentId = null;
            if (number.inboundAgent() != null) {
                inboundAgentId = agent(file, agents, number.inboundAgent(), number.path() + ".inbound_agent", spec)
                        .id().toString();
            }
            numbers.add(done(admin.createPhoneNumber(org.id(), number.number(), inboundAgentId), file,
                    number.numberPath(), field -> switch (field) {
                        case "number" -> number.numberPath();
                        case "inbound_agent_id" -> number.path() + ".inbound_agent";
                        default -> number.path() + "." + field;
                    }));
        }
        List<CampaignResult> campaigns = new ArrayList<>();
        for (SetupFile.Campaign campaign : spec.campaigns()) {
            campaigns.add(importCampaign(file, org, agents, campaign, spec));
        }
        return new OrganizationResult(org, List.copyOf(users), List.copyOf(created), List.copyOf(numbers),
                List.copyOf(campaigns));
    }

    private CampaignResult importCampaign(String file, Organization org, Map<String, Agent> agents,
                                          SetupFile.Campaign spec, SetupFile.Organization orgSpec)
            throws SetupException {
        List<CampaignStatus> statusPath = statusPath(file, spec);
        Agent agent = agent(file, agents, spec.agent(), spec.path() + ".agent", orgSpec);
        SetupFile.CallingWindow w = spec.callingWindow();
        NewCampaign request = new NewCampaign(org.id(), agent.id().toString(), spec.name(), spec.retryOn(),
                spec.maxAttempts(), spec.retryDelaySeconds(),
                w == null ? null : new NewCallingWindow(w.days(), w.start(), w.end(), w.zone()));
        Campaign campaign = done(admin.createCampaign(request), file, spec.path(),
                field -> spec.path() + "." + (field.equals("agent_id") ? "agent" : field));
        List<Contact> contacts = List.of();
        int skipped = 0;
        if (!spec.contacts().isEmpty()) {
            ContactsAdded added = done(admin.addContacts(campaign.id(), spec.contacts()), file, spec.path() + ".contacts",
                    field -> spec.path() + "." + field);
            contacts = added.added();
            skipped = added.skipped();
        }
        for (CampaignStatus target : statusPath) {
            campaign = done(admin.changeCampaignStatus(campaign.id(), target), file, spec.path() + ".status",
                    field -> spec.path() + ".status");
        }
        return new CampaignResult(campaign, contacts, skipped);
    }

    /**
     * Adds the contacts of a CSV file to an existing campaign.
     *
     * @throws SetupException naming {@code file} and the line of the refused contact
     */
    public ContactsAdded importContacts(String file, CampaignId campaignId, ContactsCsv csv) throws SetupException {
        CommandResult<ContactsAdded> result = admin.addContacts(campaignId, csv.contacts());
        if (result instanceof CommandResult.Invalid<ContactsAdded> invalid) {
            Matcher matcher = CONTACT_FIELD.matcher(invalid.field());
            if (matcher.matches()) {
                int index = Integer.parseInt(matcher.group(1));
                String column = matcher.group(2).startsWith(".") ? matcher.group(2).substring(1) : matcher.group(2);
                throw new SetupException(file + ":" + csv.lines().get(index) + ": "
                        + (column.isEmpty() ? "" : column + ": ") + invalid.message());
            }
        }
        return done(result, file, "", field -> field);
    }

    private static List<CampaignStatus> statusPath(String file, SetupFile.Campaign spec) throws SetupException {
        String status = spec.status() == null ? "draft" : spec.status().strip().toLowerCase(Locale.ROOT);
        List<CampaignStatus> path = STATUS_PATHS.get(status);
        if (path == null) {
            throw SetupException.at(file, spec.path() + ".status",
                    "must be one of draft, processing, paused, completed, cancelled");
        }
        return path;
    }

    private static Agent agent(String file, Map<String, Agent> agents, String retellAgentId, String path,
                               SetupFile.Organization org) throws SetupException {
        Agent agent = agents.get(retellAgentId == null ? null : retellAgentId.strip());
        if (agent == null) {
            throw SetupException.at(file, path, "no agent with retell_agent_id '" + retellAgentId + "' in "
                    + org.path() + ".agents");
        }
        return agent;
    }

    /** The value of a done command, or the refusal as a {@link SetupException} at the right place. */
    private static <T> T done(CommandResult<T> result, String file, String path, UnaryOperator<String> fieldPath)
            throws SetupException {
        if (result instanceof CommandResult.Done<T> done) {
            return done.value();
        }
        if (result instanceof CommandResult.Invalid<T> invalid) {
            throw SetupException.at(file, fieldPath.apply(invalid.field()), invalid.message());
        }
        if (result instanceof CommandResult.NotFound<T> notFound) {
            throw SetupException.at(file, path, "not found: " + notFound.what());
        }
        if (result instanceof CommandResult.Conflict<T> conflict) {
            throw SetupException.at(file, path, conflict.reason());
        }
        throw new IllegalStateException("unhandled result " + result);
    }
}
