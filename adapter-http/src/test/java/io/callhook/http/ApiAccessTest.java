package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiAccessTest {

    private static final String ALLOWED_ORIGIN = "https://app.example.com";

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.configured(new FakeIngest(),
            ConfigOverride.config("api.corsAllowedOrigins", ALLOWED_ORIGIN + ", https://ops.example.com"));

    @Nested
    class BearerToken {

        @Test
        void requestWithoutTokenIsRefusedWithAChallenge() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"callhook\"");
            assertThat(response.body()).startsWith("{\"error\":\"unauthorized\",\"message\":\"");
        }

        @Test
        void requestWithWrongTokenIsRefused() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                    "Authorization", "Bearer " + TestServers.API_TOKEN + "x");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).startsWith("{\"error\":\"invalid_token\"");
        }

        @Test
        void requestWithAnotherSchemeIsRefused() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                    "Authorization", "Basic " + TestServers.API_TOKEN);

            assertThat(response.statusCode()).isEqualTo(401);
        }

        @Test
        void requestWithTheRightTokenIsServed() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                    "Authorization", "Bearer " + TestServers.API_TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        }

        @Test
        void schemeNameIsCaseInsensitive() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                    "Authorization", "bearer " + TestServers.API_TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void webhookDoesNotNeedTheApiToken() {
            HttpResponse<String> response = Http.post(APP.getLocalPort(), "/webhooks/retell", new byte[0]);

            assertThat(response.statusCode()).as("refused for its signature, not for a token").isEqualTo(401);
            assertThat(response.body()).contains("invalid_signature");
        }
    }

    @Nested
    class Cors {

        private HttpResponse<String> preflight(String path, String origin) {
            return Http.send(Http.request(APP.getLocalPort(), path)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .build());
        }

        @Test
        void preflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
            HttpResponse<String> response = preflight("/api/ping", ALLOWED_ORIGIN);

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                    methods -> assertThat(methods).contains("GET"));
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                    headers -> assertThat(headers).contains("Authorization", "Content-Type"));
            assertThat(response.headers().allValues("Vary")).contains("Origin");
        }

        @Test
        void preflightFromAnotherOriginGetsNoCorsHeaders() {
            HttpResponse<String> response = preflight("/api/ping", "https://evil.example.net");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(response.body()).startsWith("{\"error\":\"cors_origin_not_allowed\"");
        }

        @Test
        void apiAnswerToAnAllowedOriginCarriesTheOrigin() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                    "Origin", ALLOWED_ORIGIN, "Authorization", "Bearer " + TestServers.API_TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
        }

        @Test
        void apiAnswerToAnotherOriginCarriesNoCorsHeaders() {
            HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                    "Origin", "https://evil.example.net", "Authorization", "Bearer " + TestServers.API_TOKEN);

            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }

        @Test
        void webhookIsNotOpenedToBrowsers() {
            HttpResponse<String> response = preflight("/webhooks/retell", ALLOWED_ORIGIN);

            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }
}
