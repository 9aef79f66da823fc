package io.callhook.http.resources;

import io.callhook.core.campaign.ContactId;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.http.api.AttemptView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * {@code GET /api/contacts/{id}/attempts}: the calls made to a contact, oldest first. A contact has few attempts (the
 * retry policy allows at most 10), so they are read at once and paged in memory; an unknown contact has none.
 */
@Path("/api/contacts/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class ContactResource {

    private final CallhookQueries queries;

    public ContactResource(CallhookQueries queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @GET
    @Path("/attempts")
    public Response attempts(@PathParam("id") String id, @QueryParam("offset") String offset,
                             @QueryParam("limit") String limit) {
        ContactId contactId = new ContactId(Params.uuid("id", id));
        return Response.ok(Paging.list(Params.page(offset, limit), queries.attempts(contactId), AttemptView::of))
                .build();
    }
}
