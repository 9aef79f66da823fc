package io.callhook.http.dashboard;

import io.callhook.http.errors.ErrorResponses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's page and assets, from the jar: {@code /} is {@code dashboard/index.html}, {@code /dashboard/<file>}
 * the page's own scripts and styles, {@code /dashboard/vendor/<file>} the chart library from its webjar. Nothing is
 * fetched from elsewhere, so the page works without the internet. Only listed names are served, so a path cannot
 * reach anything else on the classpath. The page holds no data and no secret: it asks for the API token and reads
 * everything through {@code /api}.
 */
@Path("/")
public final class DashboardResource {

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    /** name → classpath resource */
    private static final Map<String, String> OWN = Map.of(
            "app.js", "dashboard/app.js",
            "charts.js", "dashboard/charts.js",
            "style.css", "dashboard/style.css");
    private static final Map<String, String> VENDOR = Map.of(
            "uPlot.esm.js", UPLOT + "uPlot.esm.js",
            "uPlot.min.css", UPLOT + "uPlot.min.css");

    /** Scripts and styles only from this server; data only from this server's API. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'self'";

    @GET
    public Response page() {
        return asset("dashboard/index.html", "text/html; charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .build();
    }

    @GET
    @Path("dashboard/{file}")
    public Response own(@PathParam("file") String file) {
        return serve(OWN.get(file), file);
    }

    @GET
    @Path("dashboard/vendor/{file}")
    public Response vendor(@PathParam("file") String file) {
        return serve(VENDOR.get(file), file);
    }

    private static Response serve(String resource, String file) {
        if (resource == null) {
            return ErrorResponses.forStatus(404);
        }
        String type = file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        return asset(resource, type).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").build();
    }

    private static Response.ResponseBuilder asset(String resource, String type) {
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return Response.ok(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
