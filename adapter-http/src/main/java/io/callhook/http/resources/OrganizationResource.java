package io.callhook.http.resources;

import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.http.api.CampaignView;
import io.callhook.http.api.DirectoryViews.AgentView;
import io.callhook.http.api.DirectoryViews.OrganizationView;
import io.callhook.http.api.DirectoryViews.PhoneNumberView;
import io.callhook.http.api.DirectoryViews.UserView;
import io.callhook.http.api.NotificationView;
import io.callhook.http.api.Requests;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Objects;

/**
 * {@code /api/organizations}: list and create organisations and, inside one, users, agents, phone numbers and
 * campaigns; list its campaigns; read its inbound-call notifications (unread first, then newest first) and mark one
 * read.
 */
@Path("/api/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OrganizationResource {

    private final CallhookQueries queries;
    private final AdministrationUseCase administration;

    public OrganizationResource(CallhookQueries queries, AdministrationUseCase administration) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.administration = Objects.requireNonNull(administration, "administration");
    }

    @GET
    public Response organizations(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return Response.ok(Paging.list(Params.page(offset, limit), queries::organizations, OrganizationView::of))
                .build();
    }

    @GET
    @Path("/{id}/campaigns")
    public Response campaigns(@PathParam("id") String id, @QueryParam("offset") String offset,
                              @QueryParam("limit") String limit) {
        OrganizationId organizationId = organization(id);
        CallhookQueries.Page page = Params.page(offset, limit);
        if (queries.organization(organizationId).isEmpty()) {
            return CommandAnswers.notFound("No organisation with this id exists.");
        }
        return Response.ok(Paging.list(page, p -> queries.campaigns(organizationId, p), CampaignView::of)).build();
    }

    @POST
    @Path("/{id}/notifications/{notificationId}/read")
    public Response markNotificationRead(@PathParam("id") String id,
                                         @PathParam("notificationId") String notificationId) {
        OrganizationId organizationId = organization(id);
        String notification = Params.uuid("notificationId", notificationId).toString();
        return CommandAnswers.answer(administration.markNotificationRead(organizationId, notification),
                read -> Response.ok(NotificationView.of(read)).build());
    }

    @POST
    public Response createOrganization(Requests.CreateOrganization request) {
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        return CommandAnswers.answer(administration.createOrganization(request.name()),
                organization -> created(OrganizationView.of(organization)));
    }

    @POST
    @Path("/{id}/users")
    public Response createUser(@PathParam("id") String id, Requests.CreateUser request) {
        OrganizationId organizationId = organization(id);
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        return CommandAnswers.answer(
                administration.createUser(organizationId, request.email(), request.displayName()),
                user -> created(UserView.of(user)));
    }

    @POST
    @Path("/{id}/agents")
    public Response createAgent(@PathParam("id") String id, Requests.CreateAgent request) {
        OrganizationId organizationId = organization(id);
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        return CommandAnswers.answer(
                administration.createAgent(organizationId, request.retellAgentId(), request.name()),
                agent -> created(AgentView.of(agent)));
    }

    @POST
    @Path("/{id}/phone-numbers")
    public Response createPhoneNumber(@PathParam("id") String id, Requests.CreatePhoneNumber request) {
        OrganizationId organizationId = organization(id);
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        return CommandAnswers.answer(
                administration.createPhoneNumber(organizationId, request.number(), request.inboundAgentId()),
                phone -> created(PhoneNumberView.of(phone)));
    }

    @POST
    @Path("/{id}/campaigns")
    public Response createCampaign(@PathParam("id") String id, Requests.CreateCampaign request) {
        OrganizationId organizationId = organization(id);
        if (request == null) {
            return CommandAnswers.missingBody();
        }
        return CommandAnswers.answer(administration.createCampaign(request.toCommand(organizationId)),
                campaign -> queries.campaign(campaign.id())
                        .map(report -> Response.created(URI.create("/api/campaigns/" + campaign.id()))
                                .entity(CampaignView.of(report)).build())
                        .orElseThrow(() -> new IllegalStateException("campaign " + campaign.id() + " vanished")));
    }

    @GET
    @Path("/{id}/notifications")
    public Response notifications(@PathParam("id") String id, @QueryParam("offset") String offset,
                                  @QueryParam("limit") String limit) {
        OrganizationId organizationId = organization(id);
        return Response.ok(Paging.list(Params.page(offset, limit),
                page -> queries.notifications(organizationId, page), NotificationView::of)).build();
    }

    private static OrganizationId organization(String id) {
        return new OrganizationId(Params.uuid("id", id));
    }

    private static Response created(Object view) {
        return Response.status(Response.Status.CREATED).entity(view).build();
    }
}
