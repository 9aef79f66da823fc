package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.acceptance.proof.hostile.RawConnection;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.acceptance.support.SignedWebhookClient;
import io.callhook.core.retell.RetellSigner;
import io.callhook.db.Database;
import io.callhook.db.DatabaseSettings;
import io.callhook.db.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: who may write and read. Signatures outside the ±5 minute window (old, future, a captured request
 * replayed later) are refused and store nothing; during a key rotation both configured keys sign, and a key that is no
 * longer configured does not; the API refuses every malformed token; the admin port listens on the loopback interface
 * only; and the embedded PostgreSQL refuses a connection without its password.
 */
class SecurityTest {

    private static final String OLD_KEY = "key_old_acceptance_4c6e8a0b2d4f";

    /** Mid-rotation: the new key (the acceptance key) and the old one are both configured. */
    @RegisterExtension
    static final CallhookServer ROTATING = CallhookServer.start(
            Map.of("retell.apiKeys", CallhookServer.RETELL_API_KEY + "," + OLD_KEY));

    /** After the rotation: only the new key is left. */
    @RegisterExtension
    static final CallhookServer ROTATED = CallhookServer.start();

    private static final byte[] EVENT = Fixtures.bytes("12-inbound-call_started.json");

    private static long inbox(CallhookServer server) {
        return server.rows("webhook_events");
    }

    @Test
    void signaturesOlderOrNewerThanFiveMinutesAreRefusedAndStoreNothing() {
        long before = inbox(ROTATED);
        SignedWebhookClient webhook = ROTATED.webhook();

        assertThat(webhook.post(EVENT, Instant.now().minus(Duration.ofMinutes(6))).status()).isEqualTo(401);
        assertThat(webhook.post(EVENT, Instant.now().plus(Duration.ofMinutes(6))).status()).isEqualTo(401);
        assertThat(webhook.post(EVENT, Instant.now().minus(Duration.ofMinutes(6))).body())
                .contains("\"error\":\"invalid_signature\"");
        assertThat(inbox(ROTATED)).isEqualTo(before);
    }

    @Test
    void aCapturedRequestReplayedAfterTheWindowIsRefused() {
        SignedWebhookClient webhook = ROTATED.webhook();
        byte[] body = Fixtures.bytes("13-inbound-call_ended.json");
        // what an eavesdropper captured five minutes and a second ago, sent again byte for byte now
        String captured = webhook.signature(body, Instant.now().minus(Duration.ofMinutes(5).plusSeconds(1)));
        long before = inbox(ROTATED);

        assertThat(webhook.postWithSignature(body, captured).status()).isEqualTo(401);
        assertThat(inbox(ROTATED)).isEqualTo(before);
    }

    @Test
    void duringARotationBothKeysSignAndAfterItTheRemovedKeyIsRefused() {
        RetellSigner oldKey = new RetellSigner(OLD_KEY);
        byte[] started = Fixtures.bytes("01-outbound-call_started.json");
        byte[] ended = Fixtures.bytes("02-outbound-call_ended.json");

        assertThat(ROTATING.webhook().post(started).status()).isEqualTo(204);
        assertThat(ROTATING.webhook().postWithSignature(ended, oldKey.sign(ended, Instant.now())).status())
                .isEqualTo(204);
        long before = inbox(ROTATED);
        assertThat(ROTATED.webhook().postWithSignature(started, oldKey.sign(started, Instant.now())).status())
                .isEqualTo(401);
        assertThat(inbox(ROTATED)).isEqualTo(before);
    }

    @Test
    void theApiRefusesMissingAndMalformedTokens() {
        char[] long8k = new char[8192];
        Arrays.fill(long8k, 'a');
        assertThat(ROTATED.apiWithToken(null).get("/api/ping").status()).isEqualTo(401);
        assertThat(ROTATED.apiWithToken("").get("/api/ping").status()).isEqualTo(401);
        // over Jetty's 8 KiB header limit: refused before authentication
        assertThat(ROTATED.apiWithToken(new String(long8k)).get("/api/ping").status()).isEqualTo(431);
        assertThat(ROTATED.apiWithToken(CallhookServer.API_TOKEN + "x").get("/api/ping").status()).isEqualTo(401);
        assertThat(ROTATED.apiWithToken(CallhookServer.API_TOKEN).get("/api/ping").status()).isEqualTo(200);
    }

    @Test
    void aNonAsciiOrRepeatedAuthorizationHeaderIsRefused() {
        try (RawConnection connection = new RawConnection(ROTATED.port())) {
            connection.sendBytes(("GET /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + CallhookServer.API_TOKEN + "é\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(connection.read().status()).isEqualTo(401);
            connection.sendBytes(("GET /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong\r\n"
                    + "Authorization: Bearer " + CallhookServer.API_TOKEN + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(connection.read().status()).isEqualTo(401);
        }
    }

    @Test
    void theAdminPortListensOnTheLoopbackInterfaceOnly() {
        Server server = ROTATED.app().getEnvironment().getApplicationContext().getServer();
        int adminPort = ROTATED.app().getAdminPort();

        ServerConnector admin = null;
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector c && c.getLocalPort() == adminPort) {
                admin = c;
            }
        }

        assertThat(admin).isNotNull();
        assertThat(admin.getHost()).isEqualTo("127.0.0.1");
        assertThat(ROTATED.admin().get("/healthcheck").status()).isEqualTo(200);
    }

    @Test
    void theEmbeddedDatabaseRefusesAConnectionWithoutItsPassword(@TempDir Path temp) throws Exception {
        try (Database database = Database.open(DatabaseSettings.embedded(temp.resolve("pgdata")))) {
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "").close())
                    .isInstanceOf(SQLException.class);
            assertThat(Files.readString(temp.resolve("pgdata").resolve(EmbeddedPostgresServer.PASSWORD_FILE)).strip())
                    .isEqualTo(database.password());
            try (var connection = database.dataSource().getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }
}
