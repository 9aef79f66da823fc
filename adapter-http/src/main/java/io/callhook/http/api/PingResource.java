package io.callhook.http.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/ping}: answers {@code {"status":"ok"}} to a caller holding the API token. */
@Path("/api/ping")
@Produces(MediaType.APPLICATION_JSON)
public final class PingResource {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @GET
    public Map<String, String> ping() {
        return OK;
    }
}
