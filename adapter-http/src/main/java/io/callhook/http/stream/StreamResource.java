package io.callhook.http.stream;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.live.FeedPosition;
import io.callhook.db.live.StreamTickets;
import io.callhook.http.api.TicketAccepted;
import io.callhook.http.api.Wire;
import io.callhook.http.errors.ErrorResponses;
import io.callhook.http.errors.InvalidParameterException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code GET /api/stream}: Server-Sent Events of what changes — {@code call}, {@code campaign}, {@code notification}
 * and {@code activity} events with the activity log's {@code seq} as their id, {@code health} every few seconds, and
 * heartbeat comments. Resumes after {@code Last-Event-ID} (header, or {@code last_event_id} for a page that opens a new
 * {@code EventSource}); without it, starts at the newest entry. {@code POST /api/stream-tickets} issues the single-use
 * ticket an {@code EventSource} authenticates with.
 *
 * <p>Jersey's SSE support ({@code jersey-media-sse}) rather than a servlet of our own: the endpoint stays under the
 * same authentication, error answers and request log as the rest of the API, and the sink tells when a page went
 * away. Each stream holds one thread of {@link StreamHub}'s bounded pool while it is open.
 */
@Path("/api")
public final class StreamResource {

    private final StreamHub hub;

    public StreamResource(StreamHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @POST
    @Path("/stream-tickets")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ticket() {
        StreamTickets.Ticket ticket = database(() -> hub.sources().tickets().issue());
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("ticket", ticket.value(), "expires_at", Wire.time(ticket.expiresAt())))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @TicketAccepted
    public void stream(@Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("last_event_id") String lastEventIdParam) {
        String lastEventId = lastEventIdHeader != null && !lastEventIdHeader.isBlank()
                ? lastEventIdHeader : lastEventIdParam;
        boolean resumed = lastEventId != null && !lastEventId.isBlank();
        FeedPosition start = resumed ? FeedPosition.after(position(lastEventId.strip()))
                : database(() -> hub.sources().feed().head());
        if (!hub.tryOpen()) {
            throw new WebApplicationException(Response.fromResponse(ErrorResponses.error(503, "too_many_streams",
                    "Too many live streams are open on this server; try again shortly."))
                    .header("Retry-After", "10").build());
        }
        hub.follow(sink, sse, start, resumed);
    }

    /** A database failure before the stream starts is the same 503 as anywhere in the API. */
    private static <T> T database(Supplier<T> read) {
        try {
            return read.get();
        } catch (JdbiException e) {
            throw new PersistenceUnavailableException("the live stream cannot read the database", e);
        }
    }

    private static long position(String lastEventId) {
        try {
            long seq = Long.parseLong(lastEventId);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException("Last-Event-ID", "must be the id of an event of this stream (a whole "
                + "number, 0 or more)");
    }
}
