package io.callhook.http.resources;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.AdministrationUseCase.NewContact;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.core.port.in.CallhookQueries.Page;
import io.callhook.core.port.in.CommandResult;
import io.callhook.http.api.CampaignView;
import io.callhook.http.api.ContactView;
import io.callhook.http.api.ContactsAddedView;
import io.callhook.http.api.ListView;
import io.callhook.http.api.Requests;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /api/campaigns/{id}}: the campaign report, its contacts (paged), adding contacts (JSON or CSV) and status
 * changes.
 */
@Path("/api/campaigns/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class CampaignResource {

    /** The media type of contact uploads in CSV. */
    public static final String TEXT_CSV = "text/csv";

    private static final Pattern CONTACT_FIELD = Pattern.compile("contacts\\[(\\d+)](?:\\.(.+))?");
    private static final String STATUSES = Arrays.stream(CampaignStatus.values()).map(CampaignStatus::wire)
            .collect(Collectors.joining(", "));

    private final CallhookQueries queries;
    private final AdministrationUseCase administration;

    public CampaignResource(CallhookQueries queries, AdministrationUseCase administration) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.administration = Objects.requireNonNull(administration, "administration");
    }

    @GET
    public Response campaign(@PathParam("id") String id) {
        CampaignId campaignId = new CampaignId(Params.uuid("id", id));
        return queries.campaign(campaignId)
                .map(report -> Response.ok(CampaignView.of(report)).build())
                .orElseGet(CampaignResource::noSuchCampaign);
    }

    @GET
    @Path("/contacts")
    public Response contacts(@PathParam("id") String id, @QueryParam("offset") String offset,
                             @QueryParam("limit") String limit) {
        CampaignId campaignId = new CampaignId(Params.uuid("id", id));
        Page page = Params.page(offset, limit);
        ListView<ContactView> contacts = Paging.list(page, p -> queries.contacts(campaignId, p), ContactView::of);
        if (contacts.items().isEmpty() && queries.campaign(campaignId).isEmpty()) {
            return noSuchCampaign();
        }
        return Response.ok(contacts).build();
    }

    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addContacts(@PathParam("id") String id, Requests.AddContacts request) {
        CampaignId campaignId = new CampaignId(Params.uuid("id", id));
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        return CommandAnswers.answer(administration.addContacts(campaignId, request.toCommand()),
                CampaignResource::contactsAdded);
    }

    @POST
    @Path("/contacts")
    @Consumes(TEXT_CSV)
    public Response addContactsFromCsv(@PathParam("id") String id, InputStream body) throws IOException {
        CampaignId campaignId = new CampaignId(Params.uuid("id", id));
        List<ContactsCsv.Row> rows;
        try {
            rows = ContactsCsv.parse(body.readAllBytes());
        } catch (ContactsCsv.Problem problem) {
            return onLine(problem.line(), problem.getMessage());
        }
        List<NewContact> contacts = rows.stream().map(ContactsCsv.Row::contact).toList();
        return CommandAnswers.answer(administration.addContacts(campaignId, contacts),
                invalid -> csvInvalid(invalid, rows), CampaignResource::contactsAdded);
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeStatus(@PathParam("id") String id, Requests.ChangeStatus request) {
        CampaignId campaignId = new CampaignId(Params.uuid("id", id));
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        Optional<CampaignStatus> target = status(request.status());
        if (target.isEmpty()) {
            return CommandAnswers.invalid("status", "status must be one of " + STATUSES);
        }
        CommandResult<Campaign> result = administration.changeCampaignStatus(campaignId, target.get());
        return CommandAnswers.answer(result, campaign -> Response.ok(view(campaign)).build());
    }

    /** The same as {@code POST}: setting the status is idempotent in effect (a repeat is a 409 that says so). */
    @PUT
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putStatus(@PathParam("id") String id, Requests.ChangeStatus request) {
        return changeStatus(id, request);
    }

    private CampaignView view(Campaign campaign) {
        return queries.campaign(campaign.id()).map(CampaignView::of)
                .orElseThrow(() -> new IllegalStateException("campaign " + campaign.id() + " vanished"));
    }

    private static Response contactsAdded(AdministrationUseCase.ContactsAdded added) {
        return Response.status(added.added().isEmpty() ? 200 : 201).entity(ContactsAddedView.of(added)).build();
    }

    /** A CSV row the use case refused: named by its line, e.g. {@code line 4: phone_number must be ...}. */
    private static Response csvInvalid(CommandResult.Invalid<?> invalid, List<ContactsCsv.Row> rows) {
        Matcher contact = CONTACT_FIELD.matcher(invalid.field());
        if (contact.matches()) {
            int index = Integer.parseInt(contact.group(1));
            if (index < rows.size()) {
                String column = contact.group(2) == null ? "" : contact.group(2) + " ";
                return onLine(rows.get(index).line(), column + invalid.message());
            }
        }
        return CommandAnswers.invalid(invalid.field(), invalid.field() + " " + invalid.message());
    }

    private static Response onLine(int line, String message) {
        return CommandAnswers.invalid("line " + line, "line " + line + ": " + message);
    }

    private static Optional<CampaignStatus> status(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(CampaignStatus.values()).filter(s -> s.wire().equals(wanted)).findFirst();
    }

    static Response noSuchCampaign() {
        return CommandAnswers.notFound("No campaign with this id exists.");
    }
}
