package io.callhook.acceptance.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.db.testing.TestDatabase;
import io.callhook.http.CallhookApplication;
import io.callhook.http.CallhookConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real callhook server ({@link CallhookApplication}, bundled {@code callhook-default.yml}) on random ports, on a
 * PostgreSQL schema of its own, for one test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static CallhookServer server = CallhookServer.start();
 * ...
 * server.webhook().post(RetellPayloads.fixture("02-outbound-call_ended.json"));
 * server.api().get("/api/calls/call_4e1b9c07d2a85f36e1c04b7a9d2");
 * }</pre>
 *
 * <p>The schema ({@link TestDatabase}) is created before the server starts and dropped after it stops. The server
 * accepts webhooks signed with {@link #RETELL_API_KEY}, opens the API to {@link #API_TOKEN} and allows CORS from
 * {@link #ALLOWED_ORIGIN}; these settings are fixed here, whatever the environment of the machine running the tests
 * says. Its log and request log go to {@code target/acceptance-logs/}, so expected errors (a database outage) do not
 * flood the build output.
 */
public final class CallhookServer implements BeforeAllCallback, AfterAllCallback {

    /** The Retell API key the server verifies signatures with. */
    public static final String RETELL_API_KEY = "key_acceptance_9d2e4f6a8b0c1d3e5f7a";
    /** The bearer token of the API. */
    public static final String API_TOKEN = "acceptance-api-token-1f3e5d7c";
    /** The one browser origin allowed to call the API. */
    public static final String ALLOWED_ORIGIN = "https://dashboard.callhook.test";
    /** The webhook body limit (the default of the bundled configuration). */
    public static final int MAX_BODY_BYTES = 1_048_576;

    private final TestDatabase database;
    private final boolean switchable;
    private final Map<String, String> settings;
    private DatabaseSwitch databaseSwitch;
    private final DropwizardAppExtension<CallhookConfiguration> app;

    private CallhookServer(boolean switchable, Map<String, String> settings) {
        this.database = TestDatabase.create();
        this.switchable = switchable;
        this.settings = Map.copyOf(settings);
        this.app = new DropwizardAppExtension<>(new DropwizardTestSupport<>(CallhookApplication.class, (String) null,
                overrides()));
    }

    /** A server on its own schema. */
    public static CallhookServer start() {
        return new CallhookServer(false, Map.of());
    }

    /**
     * A server on its own schema with some settings changed, by configuration path, e.g.
     * {@code Map.of("retell.apiKeys", "")}.
     */
    public static CallhookServer start(Map<String, String> settings) {
        return new CallhookServer(false, settings);
    }

    /** A server that reaches its schema through a {@link DatabaseSwitch} the test can turn off. */
    public static CallhookServer startWithSwitchableDatabase() {
        return new CallhookServer(true, Map.of());
    }

    /**
     * One override per setting: Dropwizard keeps overrides in a set and applies them in no particular order, so a
     * setting given twice would end up with either value.
     */
    private ConfigOverride[] overrides() {
        String logs = Path.of("target", "acceptance-logs").toAbsolutePath().toString();
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        values.put("retell.apiKeys", () -> RETELL_API_KEY);
        values.put("retell.maxBodyBytes", () -> Integer.toString(MAX_BODY_BYTES));
        values.put("api.token", () -> API_TOKEN);
        values.put("api.corsAllowedOrigins", () -> ALLOWED_ORIGIN);
        values.put("database.url", this::serverJdbcUrl);
        values.put("database.user", database::user);
        values.put("database.password", database::password);
        values.put("logging.level", () -> "INFO");
        values.put("spool.directory", CallhookServer::freshSpoolDirectory); // its own: no server drains another's
        values.put("logging.appenders[0].type", () -> "file");
        values.put("logging.appenders[0].currentLogFilename", () -> logs + "/callhook.log");
        values.put("logging.appenders[0].archive", () -> "false");
        values.put("server.requestLog.appenders[0].type", () -> "file");
        values.put("server.requestLog.appenders[0].currentLogFilename", () -> logs + "/requests.log");
        values.put("server.requestLog.appenders[0].archive", () -> "false");
        settings.forEach((key, value) -> values.put(key, () -> value));
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.randomPorts());
        values.forEach((key, value) -> all.add(ConfigOverride.config(key, value)));
        return all.toArray(ConfigOverride[]::new);
    }

    private static String freshSpoolDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("callhook-spool").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String serverJdbcUrl() {
        String url = database.jdbcUrl();
        if (!switchable) {
            return url;
        }
        if (databaseSwitch != null) {
            databaseSwitch.close();
        }
        databaseSwitch = DatabaseSwitch.inFrontOf(url);
        return databaseSwitch.jdbcUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database.beforeAll(context);
        app.before();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            app.after();
        } finally {
            if (databaseSwitch != null) {
                databaseSwitch.close();
            }
            database.afterAll(context);
        }
    }

    /** Posts signed (or deliberately mis-signed) webhooks to this server. */
    public SignedWebhookClient webhook() {
        return new SignedWebhookClient(baseUri(), RETELL_API_KEY, this::awaitApplied);
    }

    /** Waits until the server has applied every delivery it acknowledged (they are applied behind the answer). */
    public void awaitApplied() {
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(database.unappliedInboxEntries()).as("unapplied inbox entries").isZero());
    }

    /** Calls the API with {@link #API_TOKEN}. */
    public ApiClient api() {
        return new ApiClient(baseUri(), API_TOKEN);
    }

    /** Calls the API with another token, or with none ({@code null}). */
    public ApiClient apiWithToken(String token) {
        return new ApiClient(baseUri(), token);
    }

    /** The admin connector (health checks, metrics). */
    public ApiClient admin() {
        return new ApiClient("http://localhost:" + app.getAdminPort(), null);
    }

    /** The server's schema, to check what was (not) stored. */
    public TestDatabase database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** The switch between server and database; only for {@link #startWithSwitchableDatabase}. */
    public DatabaseSwitch databaseSwitch() {
        if (databaseSwitch == null) {
            throw new IllegalStateException("this server was not started with a switchable database");
        }
        return databaseSwitch;
    }

    /** Rows in a table of the server's schema. */
    public long rows(String table) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Empties every table, for tests that need a blank server. */
    public void truncateAll() {
        database.truncateAll();
    }

    public int port() {
        return app.getLocalPort();
    }

    public String baseUri() {
        return "http://localhost:" + app.getLocalPort();
    }

    public DropwizardAppExtension<CallhookConfiguration> app() {
        return app;
    }

    @Override
    public String toString() {
        return "CallhookServer[" + (app.getTestSupport().getEnvironment() == null ? "not started" : baseUri()) + ", "
                + database + ", " + settings + "]";
    }
}
