package io.callhook.http.resources;

import io.callhook.core.call.CallId;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.http.api.CallView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/** {@code GET /api/calls/{callId}}: a call by Retell's {@code call_id}. */
@Path("/api/calls")
@Produces(MediaType.APPLICATION_JSON)
public final class CallResource {

    private final CallhookQueries queries;

    public CallResource(CallhookQueries queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @GET
    @Path("/{callId}")
    public Response call(@PathParam("callId") String callId) {
        if (callId.isBlank()) {
            return notFound(); // no call has a blank id (Retell's never is, and the core refuses one)
        }
        return queries.call(new CallId(callId))
                .map(call -> Response.ok(CallView.of(call)).build())
                .orElseGet(CallResource::notFound);
    }

    private static Response notFound() {
        return CommandAnswers.notFound("No call with this call_id has been recorded.");
    }
}
