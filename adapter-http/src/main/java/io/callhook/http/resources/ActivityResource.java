package io.callhook.http.resources;

import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.http.api.ActivityView;
import io.callhook.http.errors.InvalidParameterException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code GET /api/activity?organizationId=&since=&offset=&limit=}: the audit trail, oldest first. Without
 * {@code organizationId} every organisation's entries are listed, including those no organisation could be found for
 * (such as {@code unknown_agent}); {@code since} (ISO-8601) keeps entries from that moment on.
 */
@Path("/api/activity")
@Produces(MediaType.APPLICATION_JSON)
public final class ActivityResource {

    private final CallhookQueries queries;

    public ActivityResource(CallhookQueries queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @GET
    public Response activity(@QueryParam("organizationId") String organizationId,
                             @QueryParam("organization_id") String organizationIdSnake,
                             @QueryParam("since") String since,
                             @QueryParam("offset") String offset,
                             @QueryParam("limit") String limit) {
        UUID camel = Params.optionalUuid("organizationId", organizationId);
        UUID snake = Params.optionalUuid("organization_id", organizationIdSnake);
        if (camel != null && snake != null && !camel.equals(snake)) {
            throw new InvalidParameterException("organization_id", "names another organisation than organizationId");
        }
        UUID chosen = camel != null ? camel : snake;
        OrganizationId organization = chosen == null ? null : new OrganizationId(chosen);
        Instant from = Params.instant("since", since);
        return Response.ok(Paging.list(Params.page(offset, limit),
                page -> queries.activity(organization, from, page), ActivityView::of)).build();
    }
}
