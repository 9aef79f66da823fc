package io.callhook.http.support;

import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.http.CallhookApplication;
import io.callhook.http.CallhookServices;
import io.callhook.http.CallhookConfiguration;
import io.callhook.db.testing.TestDatabase;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Real callhook servers on random ports, started from the bundled default configuration (no file) with overrides: with
 * a fake ingestion ({@link #server}, {@link #configured}) for the webhook's answers, or with the production wiring on
 * a PostgreSQL test schema ({@link #onDatabase}).
 */
public final class TestServers {

    public static final String RETELL_KEY = "key_test_0123456789abcdef";
    public static final String OLD_RETELL_KEY = "key_old_fedcba9876543210";
    public static final String API_TOKEN = "api-token-for-tests";

    private TestServers() {
    }

    public static DropwizardAppExtension<CallhookConfiguration> server(FakeIngest ingest, ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.randomPorts());
        all.add(freshSpool());
        all.addAll(Arrays.asList(overrides));
        return new DropwizardAppExtension<>(new DropwizardTestSupport<>(CallhookApplication.class, (String) null,
                all.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<CallhookConfiguration> newApplication() {
                return new CallhookApplication((configuration, environment) -> new CallhookServices(ingest,
                        Unused.implementation(AdministrationUseCase.class), Unused.implementation(CallhookQueries.class)));
            }
        });
    }

    /** A server configured with {@link #RETELL_KEY} (and an old key, for rotation) and {@link #API_TOKEN}. */
    public static DropwizardAppExtension<CallhookConfiguration> configured(FakeIngest ingest,
                                                                          ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("retell.apiKeys", RETELL_KEY + ", " + OLD_RETELL_KEY));
        all.add(ConfigOverride.config("api.token", API_TOKEN));
        all.addAll(Arrays.asList(overrides));
        return server(ingest, all.toArray(ConfigOverride[]::new));
    }

    /**
     * The production server ({@code new CallhookApplication()}) on the test schema of {@code database}, configured with
     * {@link #RETELL_KEY} and {@link #API_TOKEN}.
     */
    public static DropwizardAppExtension<CallhookConfiguration> onDatabase(TestDatabase database,
                                                                           ConfigOverride... overrides) {
        return onDatabase(database, database::jdbcUrl, overrides);
    }

    /** One override per setting: a setting given twice would take either value (overrides are kept as a set). */
    private static DropwizardAppExtension<CallhookConfiguration> onDatabase(TestDatabase database,
                                                                            Supplier<String> url,
                                                                            ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.randomPorts());
        all.add(freshSpool());
        all.add(ConfigOverride.config("retell.apiKeys", RETELL_KEY));
        all.add(ConfigOverride.config("api.token", API_TOKEN));
        all.add(ConfigOverride.config("database.url", url));
        all.add(ConfigOverride.config("database.user", database::user));
        all.add(ConfigOverride.config("database.password", database::password));
        all.addAll(Arrays.asList(overrides));
        return new DropwizardAppExtension<>(CallhookApplication.class, null, all.toArray(ConfigOverride[]::new));
    }

    /**
     * A switch, off, in front of {@code database}'s PostgreSQL: a test turns it on and off to take the database away
     * from a server started with {@link #behind}.
     */
    public static TcpSwitch switchFor(TestDatabase database) {
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        return TcpSwitch.off(target.getHost(), target.getPort());
    }

    /** The production server as {@link #onDatabase}, reaching {@code database} only through {@code databaseSwitch}. */
    public static DropwizardAppExtension<CallhookConfiguration> behind(TcpSwitch databaseSwitch, TestDatabase database,
                                                                       ConfigOverride... overrides) {
        return onDatabase(database, () -> {
            URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
            return database.jdbcUrl().replace(target.getHost() + ":" + target.getPort(),
                    "127.0.0.1:" + databaseSwitch.port());
        }, overrides);
    }

    /** A new, empty spool directory for one server, so no test server drains another's spool. */
    public static ConfigOverride freshSpool() {
        return ConfigOverride.config("spool.directory", () -> {
            try {
                return Files.createTempDirectory("callhook-spool").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Overrides that make sure nothing comes from the environment of the machine running the tests. */
    public static ConfigOverride[] unset(String... keys) {
        return Arrays.stream(keys).map(key -> ConfigOverride.config(key, "")).toArray(ConfigOverride[]::new);
    }
}
