package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.http.support.FakeIngest;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server started with neither a Retell key nor an API token stays up, but stores nothing and serves nothing. */
class ServerWithoutSecretsTest {

    private static final FakeIngest INGEST = new FakeIngest();

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP =
            TestServers.server(INGEST, TestServers.unset("retell.apiKeys", "api.token"));

    @Test
    void webhookIsAnswered503WhenNoSigningKeyIsConfigured() {
        byte[] body = Fixtures.bytes(Fixtures.CALL_STARTED);

        HttpResponse<String> response = Http.post(APP.getLocalPort(), "/webhooks/retell", body,
                "X-Retell-Signature", Fixtures.sign(body));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("{\"error\":\"signing_key_missing\",\"message\":\"")
                .contains("RETELL_API_KEY");
        assertThat(INGEST.deliveries()).isEmpty();
    }

    @Test
    void signingKeyHealthCheckIsUnhealthyWithoutAKey() {
        HttpResponse<String> response = Http.get(APP.getAdminPort(), "/healthcheck");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"signing-key\":{\"healthy\":false");
    }

    @Test
    void apiRefusesEveryRequestWhenNoTokenIsConfigured() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping",
                "Authorization", "Bearer anything");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).startsWith("{\"error\":\"api_token_missing\",\"message\":\"")
                .contains("CALLHOOK_API_TOKEN");
    }

    @Test
    void emptyBearerTokenDoesNotMatchAnAbsentToken() {
        HttpResponse<String> response = Http.get(APP.getLocalPort(), "/api/ping", "Authorization", "Bearer ");

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
