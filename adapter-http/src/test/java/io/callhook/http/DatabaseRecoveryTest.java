package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.db.testing.TestDatabase;
import io.callhook.http.support.Api;
import io.callhook.http.support.Fixtures;
import io.callhook.http.support.Http;
import io.callhook.http.support.TcpSwitch;
import io.callhook.http.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server started while its database is down, on a schema nobody has migrated: it keeps deliveries in its spool
 * meanwhile (answered 204), and once the database can be reached it migrates the schema by itself, moves them into the
 * inbox and stores new deliveries — no restart needed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseRecoveryTest {

    private static final TestDatabase DB = TestDatabase.createEmpty();
    private static final TcpSwitch DATABASE = TestServers.switchFor(DB);

    @RegisterExtension
    static final DropwizardAppExtension<CallhookConfiguration> APP = TestServers.behind(DATABASE, DB);

    private static final Api API = new Api(APP::getLocalPort);

    @AfterAll
    static void cleanUp() {
        DATABASE.close();
        DB.close();
    }

    @Test
    @Order(1)
    void serverMigratesAndStoresOnceTheDatabaseComesBack() {
        assertThat(API.deliver(Fixtures.CALL_STARTED).status()).as("kept in the spool").isEqualTo(204);

        DATABASE.turnOn();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Http.get(APP.getAdminPort(), "/healthcheck").statusCode()).isEqualTo(200));
        assertThat(DB.migrator().isUpToDate(DB.dataSource())).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(API.get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2").text("state")).isEqualTo("ongoing"));
        assertThat(API.deliver(Fixtures.CALL_STARTED).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(API.get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2").text("state")).isEqualTo("ongoing"));
    }

    @Test
    @Order(2)
    void deliveryWhileTheDatabaseIsAwayIsSpooledAndRecordedOnceItIsBack() {
        DATABASE.turnOn();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Http.get(APP.getAdminPort(), "/healthcheck").statusCode()).isEqualTo(200));

        DATABASE.turnOff();

        assertThat(API.deliver(Fixtures.CALL_ENDED).status()).isEqualTo(204);
        DATABASE.turnOn();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(API.get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2").text("state")).isEqualTo("ended"));
    }
}
