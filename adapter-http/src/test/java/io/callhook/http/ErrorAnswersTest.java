package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error, whoever raises it, is a small JSON body that gives nothing of the server away. */
class ErrorAnswersTest {

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.configured(new FakeIngest())
            .addListener(new DropwizardAppExtension.ServiceListener<>() {
                @Override
                public void onRun(CallhookConfiguration configuration, Environment environment,
                                  DropwizardAppExtension<CallhookConfiguration> rule) {
                    environment.jersey().register(new TroubleResource());
                }
            });

    /** Resources that fail in the ways real ones will. */
    @Path("/trouble")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TroubleResource {

        public record Item(@NotBlank String name) {
        }

        @GET
        @Path("/bug")
        public String bug() {
            throw new IllegalStateException("bug at /srv/callhook/Secret.java with password=hunter2");
        }

        @GET
        @Path("/database")
        public String database() {
            throw new PersistenceUnavailableException("pool exhausted for jdbc:postgresql://db:5432/callhook",
                    new SQLException("SELECT * FROM calls"));
        }

        @POST
        @Path("/items")
        @Consumes(MediaType.APPLICATION_JSON)
        public Item create(@Valid Item item) {
            return item;
        }
    }

    private static void assertSafeJsonError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"error\":\"" + error + "\",\"message\":\"").endsWith("\"}");
        assertThat(response.body()).doesNotContain("Exception", "java.", "io.callhook", "jakarta", "org.",
                "/srv", "Secret", "hunter2", "SELECT", "jdbc", "5432", "\tat ");
    }

    @Test
    void unknownPathIsAJson404() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/no/such/thing");

        assertSafeJsonError(response, 404, "not_found");
        assertThat(response.body()).doesNotContain("/no/such/thing");
    }

    @Test
    void unknownPathIsJsonEvenForABrowser() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/no/such/thing", "Accept", "text/html");

        assertSafeJsonError(response, 404, "not_found");
    }

    @Test
    void wrongMethodIsAJson405WithTheAllowedMethods() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/webhooks/retell");

        assertSafeJsonError(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
                allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void methodTheServerRefusesOutrightIsAJson405() {
        HttpResponse<String> response = Http.send(Http.request(APP.getLocalPort(), "/webhooks/retell")
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build());

        assertSafeJsonError(response, 405, "method_not_allowed");
    }

    @Test
    void unexpectedExceptionIsAJson500WithoutDetails() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/trouble/bug");

        assertSafeJsonError(response, 500, "internal_error");
    }

    @Test
    void unavailableDatabaseIsAJson503() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/trouble/database");

        assertSafeJsonError(response, 503, "unavailable");
    }

    @Test
    void malformedJsonIsAJson400() {
        HttpResponse<String> response = Http.post(APP.getLocalPort(), "/trouble/items",
                "{\"name\": ".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");

        assertSafeJsonError(response, 400, "invalid_json");
    }

    @Test
    void invalidJsonEntityIsAJson422() {
        HttpResponse<String> response = Http.post(APP.getLocalPort(), "/trouble/items",
                "{\"name\": \"\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");

        assertSafeJsonError(response, 422, "invalid_request");
    }

    @Test
    void unsupportedMediaTypeIsAJson415() {
        HttpResponse<String> response = Http.post(APP.getLocalPort(), "/trouble/items",
                "name=x".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");

        assertSafeJsonError(response, 415, "unsupported_media_type");
    }

    @Test
    void malformedRequestUriIsAJson400() {
        String answer = Http.raw(APP.getLocalPort(),
                "GET /%zz/secret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("{\"error\":\"bad_request\",\"message\":\"").doesNotContain("secret");
    }
}
