package io.callhook.http.stream;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.live.StreamTickets;
import io.callhook.http.api.ApiTokenFilter;
import io.callhook.http.errors.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.JdbiException;

/**
 * Lets a request through with a stream ticket ({@code ?ticket=}, redeemed: it works once) or, without one, with the
 * bearer token as everywhere else under {@code /api}. A ticket in the URL is harmless in the request log: by the time
 * the line is written it has been used up, and it expires within seconds anyway.
 */
public final class TicketOrTokenFilter implements ContainerRequestFilter {

    public static final String TICKET = "ticket";

    private final StreamTickets tickets;
    private final ApiTokenFilter tokens;

    public TicketOrTokenFilter(StreamTickets tickets, ApiTokenFilter tokens) {
        this.tickets = tickets;
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String ticket = request.getUriInfo().getQueryParameters().getFirst(TICKET);
        if (ticket == null) {
            tokens.filter(request);
            return;
        }
        boolean valid;
        try {
            valid = tickets.redeem(ticket);
        } catch (JdbiException e) {
            throw new PersistenceUnavailableException("stream tickets cannot be read", e);
        }
        if (!valid) {
            request.abortWith(Response.fromResponse(ErrorResponses.error(401, "invalid_ticket",
                            "The stream ticket is unknown, used or expired; ask POST /api/stream-tickets for a new one."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"callhook\"").build());
        }
    }
}
