package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.acceptance.proof.hostile.RawConnection;
import io.callhook.acceptance.proof.hostile.RawConnection.Reply;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 8: a request refused before its body is read (wrong API token, no Retell key, a body too large) does not
 * cost a keep-alive client its next request. Each test sends both requests on one socket, so both answers came over one
 * connection; a refused body the server can read cheaply is drained, a larger one is answered with
 * {@code Connection: close} so the client knows not to reuse the connection. A path refused as ambiguous
 * ({@code //}, {@code %2F}) is one more refusal of this kind.
 */
class KeepAliveTest {

    @RegisterExtension
    static final CallhookServer SERVER = CallhookServer.start();

    @RegisterExtension
    static final CallhookServer WITHOUT_KEY = CallhookServer.start(Map.of("retell.apiKeys", ""));

    private static final String PING = "GET /api/ping HTTP/1.1\r\nAuthorization: Bearer " + CallhookServer.API_TOKEN;

    private static byte[] jsonOf(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"name\":\"Acme Dental\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    @Test
    void aPostRefusedForItsTokenIsFollowedByAnAnsweredRequestOnTheSameConnection() {
        byte[] body = jsonOf(48 * 1024);
        try (RawConnection connection = new RawConnection(SERVER.port())) {
            // the answer comes before the body is sent: the server refuses it without reading, as the issue describes
            connection.sendHead("POST /api/organizations HTTP/1.1\r\nAuthorization: Bearer wrong-token\r\n"
                    + "Content-Type: application/json", body.length);
            connection.sendBytes(Arrays.copyOf(body, 100));
            Reply refused = connection.read();
            connection.sendBytes(Arrays.copyOfRange(body, 100, body.length));
            connection.send(PING, new byte[0]);
            Reply answered = connection.read();

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Connection")).isNull();
            assertThat(answered.status()).isEqualTo(200);
        }
    }

    @Test
    void aWebhookRefusedForAMissingKeyIsFollowedByAnAnsweredRequestOnTheSameConnection() {
        byte[] body = Fixtures.bytes("02-outbound-call_ended.json");
        try (RawConnection connection = new RawConnection(WITHOUT_KEY.port())) {
            connection.sendHead("POST /webhooks/retell HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "X-Retell-Signature: v=1,d=00", body.length);
            Reply refused = connection.read();
            connection.sendBytes(body);
            connection.send(PING, new byte[0]);
            Reply answered = connection.read();

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("\"error\":\"signing_key_missing\"");
            assertThat(answered.status()).isEqualTo(200);
        }
    }

    @Test
    void aWebhookWithAWrongSignatureIsFollowedByAStoredOneOnTheSameConnection() {
        byte[] body = Fixtures.bytes("12-inbound-call_started.json");
        try (RawConnection connection = new RawConnection(SERVER.port())) {
            connection.send("POST /webhooks/retell HTTP/1.1\r\nX-Retell-Signature: v=1,d=00", body);
            Reply refused = connection.read();
            connection.send("POST /webhooks/retell HTTP/1.1\r\nX-Retell-Signature: "
                    + SERVER.webhook().signature(body, java.time.Instant.now()), body);
            Reply stored = connection.read();

            assertThat(refused.status()).isEqualTo(401);
            assertThat(stored.status()).isEqualTo(204);
        }
    }

    @Test
    void aBodyTooLargeToDrainIsAnsweredWithConnectionClose() {
        try (RawConnection connection = new RawConnection(SERVER.port())) {
            connection.send("POST /webhooks/retell HTTP/1.1\r\nX-Retell-Signature: v=1,d=00",
                    jsonOf(CallhookServer.MAX_BODY_BYTES + 1));
            Reply refused = connection.read();

            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aPathRefusedAsAmbiguousKeepsTheConnection() {
        byte[] body = Fixtures.bytes("02-outbound-call_ended.json");
        try (RawConnection connection = new RawConnection(SERVER.port())) {
            // Jetty itself would fail this exchange and close at once, unread body and all: a reset for a client
            // still sending it, which can swallow the answer
            connection.send("POST /webhooks//retell HTTP/1.1\r\nContent-Type: application/json", body);
            Reply refused = connection.read();
            connection.send(PING, new byte[0]);
            Reply answered = connection.read();

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"error\":\"bad_request\","
                    + "\"message\":\"The request could not be understood.\"}");
            assertThat(refused.header("Connection")).isNull();
            assertThat(answered.status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestJettyRefusesForItsUriSaysItClosesTheConnection() {
        try (RawConnection connection = new RawConnection(SERVER.port())) {
            // Jetty refuses an encoded NUL in the path itself and closes the connection after its error page
            connection.send("GET /api/calls/%00 HTTP/1.1\r\nAuthorization: Bearer " + CallhookServer.API_TOKEN,
                    new byte[0]);
            Reply refused = connection.read();

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"error\":\"bad_request\","
                    + "\"message\":\"The request could not be understood.\"}");
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }
}
