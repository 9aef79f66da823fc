package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.callhook.db.DatabaseSettings;
import io.callhook.http.config.BundledConfiguration;
import io.callhook.http.config.RetellFactory;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledConfigurationTest {

    @BeforeAll
    static void environmentDoesNotConfigureCallhook() {
        boolean clean = Stream.of("RETELL_API_KEY", "CALLHOOK_API_TOKEN", "CALLHOOK_PORT", "CALLHOOK_ADMIN_PORT",
                        "CALLHOOK_ADMIN_BIND", "CALLHOOK_MAX_BODY_BYTES", "CALLHOOK_DATABASE_URL",
                        "CALLHOOK_CORS_ALLOWED_ORIGINS", "CALLHOOK_API_MAX_BODY_BYTES", "CALLHOOK_EMBEDDED_DATA_DIR",
                        "CALLHOOK_EMBEDDED_PORT", "CALLHOOK_DATABASE_POOL_SIZE")
                .allMatch(name -> System.getenv(name) == null);
        assumeTrue(clean, "the defaults can only be seen when no CALLHOOK_*/RETELL_* variable is set");
    }

    private static ConfigurationFactory<CallhookConfiguration> factory() {
        return BundledConfiguration.<CallhookConfiguration>factoryFactory(BundledConfiguration::sourceProvider)
                .create(CallhookConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
    }

    @Test
    void bundledDefaultsApplyWhenNoFileIsGiven() throws Exception {
        CallhookConfiguration configuration = factory().build();

        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(application.getPort()).isEqualTo(8080);
        assertThat(admin.getPort()).isEqualTo(8081);
        assertThat(admin.getBindHost()).isEqualTo("127.0.0.1");
        assertThat(server.getRegisterDefaultExceptionMappers()).isFalse();
        assertThat(configuration.getRetell().getApiKeys()).isEmpty();
        assertThat(configuration.getRetell().getMaxBodyBytes()).isEqualTo(RetellFactory.DEFAULT_MAX_BODY_BYTES)
                .isEqualTo(1_048_576);
        assertThat(configuration.getApi().getToken()).isEmpty();
        assertThat(configuration.getApi().getCorsAllowedOrigins()).isEmpty();
        assertThat(configuration.getApi().getMaxBodyBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(configuration.getDatabase().isEmbedded()).isTrue();
        assertThat(configuration.getDatabase().toSettings())
                .isEqualTo(DatabaseSettings.embedded(Path.of("var", "pgdata")));
        assertThat(configuration.getDatabase().getPoolSize()).isEqualTo(16);
    }

    @Test
    void fileGivenOnTheCommandLineIsReadInsteadOfTheBundledOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("callhook.yml");
        Files.writeString(file, """
                retell:
                  apiKeys: "key_new , key_old,"
                  maxBodyBytes: 2048
                api:
                  token: secret
                  corsAllowedOrigins: [https://a.example.com, "https://b.example.com"]
                database:
                  url: jdbc:postgresql://db:5432/callhook
                  user: callhook
                server:
                  applicationConnectors:
                    - type: http
                      port: ${CALLHOOK_TEST_UNSET_PORT:-9090}
                """, StandardCharsets.UTF_8);

        CallhookConfiguration configuration = factory().build(BundledConfiguration.sourceProvider(), file.toString());

        assertThat(configuration.getRetell().getApiKeys()).containsExactly("key_new", "key_old");
        assertThat(configuration.getRetell().getMaxBodyBytes()).isEqualTo(2048);
        assertThat(configuration.getApi().getToken()).contains("secret");
        assertThat(configuration.getApi().getCorsAllowedOrigins())
                .containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(configuration.getDatabase().getUrl()).contains("jdbc:postgresql://db:5432/callhook");
        assertThat(configuration.getDatabase().isEmbedded()).isFalse();
        assertThat(configuration.getDatabase().toSettings())
                .isEqualTo(DatabaseSettings.external("jdbc:postgresql://db:5432/callhook", "callhook", null));
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort()).isEqualTo(9090);
    }

    @Test
    void checkCommandAcceptsTheBundledConfiguration() throws Exception {
        RecordingApplication application = new RecordingApplication();

        application.run("check");

        assertThat(application.fatalErrors).isEmpty();
    }

    @Test
    void checkCommandRefusesAnInvalidConfiguration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "retell:\n  maxBodyBytes: 0\n", StandardCharsets.UTF_8);
        RecordingApplication application = new RecordingApplication();

        application.run("check", file.toString());

        assertThat(application.fatalErrors).hasSize(1);
    }

    @Test
    void checkCommandRefusesADatabaseUrlThatIsNotPostgresql(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mysql.yml");
        Files.writeString(file, "database:\n  url: jdbc:mysql://db:3306/callhook\n", StandardCharsets.UTF_8);
        RecordingApplication application = new RecordingApplication();

        application.run("check", file.toString());

        assertThat(application.fatalErrors).singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("url must be a PostgreSQL JDBC URL"));
    }

    /** Records fatal errors instead of exiting the JVM. */
    private static final class RecordingApplication extends CallhookApplication {
        final List<Throwable> fatalErrors = new ArrayList<>();

        @Override
        protected void onFatalError(Throwable t) {
            fatalErrors.add(t);
        }
    }
}
