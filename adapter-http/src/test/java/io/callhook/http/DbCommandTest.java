package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.db.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db migrate} and {@code db status}, run in-process as {@code java -jar callhook-server.jar db ...} would. */
class DbCommandTest {

    private final List<TestDatabase> databases = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void dropSchemas() {
        databases.forEach(TestDatabase::close);
    }

    private TestDatabase emptySchema() {
        TestDatabase database = TestDatabase.createEmpty();
        databases.add(database);
        return database;
    }

    private Path configFor(TestDatabase database) throws IOException {
        Path file = dir.resolve("callhook.yml");
        Files.writeString(file, """
                database:
                  url: "%s"
                  user: "%s"
                  password: "%s"
                logging:
                  level: WARN
                """.formatted(database.jdbcUrl(), database.user(), database.password()), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void migrateBringsAnEmptySchemaToTheLatestVersion() throws Exception {
        TestDatabase database = emptySchema();

        Run run = Run.of("db", "migrate", configFor(database).toString());

        assertThat(run.failures).isEmpty();
        assertThat(run.output()).containsPattern("Applied [1-9][0-9]* migration\\(s\\); schema '"
                + database.schema() + "' is at version [0-9]+\\.");
        assertThat(database.migrator().isUpToDate(database.dataSource())).isTrue();
    }

    @Test
    void migrateTwiceAppliesNothingTheSecondTime() throws Exception {
        Path config = configFor(emptySchema());
        Run.of("db", "migrate", config.toString());

        Run again = Run.of("db", "migrate", config.toString());

        assertThat(again.failures).isEmpty();
        assertThat(again.output()).contains("Applied 0 migration(s)");
    }

    @Test
    void statusListsPendingMigrationsOfAnEmptySchema() throws Exception {
        TestDatabase database = emptySchema();

        Run run = Run.of("db", "status", configFor(database).toString());

        assertThat(run.failures).isEmpty();
        assertThat(run.output()).contains("VERSION  STATE      DESCRIPTION")
                .containsPattern("(?m)^1 +Pending +directory$")
                .containsPattern("Schema '" + database.schema() + "': [1-9][0-9]* pending, 0 failed\\. Run: java -jar"
                        + " callhook-server.jar db migrate");
    }

    @Test
    void statusAfterMigratingSaysUpToDate() throws Exception {
        TestDatabase database = emptySchema();
        Path config = configFor(database);
        Run.of("db", "migrate", config.toString());

        Run run = Run.of("db", "status", config.toString());

        assertThat(run.output()).containsPattern("(?m)^1 +Success +directory$")
                .contains("Schema '" + database.schema() + "' is up to date.");
    }

    @Test
    void withoutAFileTheBundledConfigurationIsUsed() {
        TestDatabase database = emptySchema();
        System.setProperty("dw.database.url", database.jdbcUrl());
        System.setProperty("dw.database.user", database.user());
        try {
            Run run = Run.of("db", "status");

            assertThat(run.failures).isEmpty();
            assertThat(run.output()).contains("Schema '" + database.schema() + "': ");
        } finally {
            System.clearProperty("dw.database.url");
            System.clearProperty("dw.database.user");
        }
    }

    @Test
    void unreachableDatabaseFailsTheCommand() throws Exception {
        Path file = dir.resolve("down.yml");
        Files.writeString(file, "database:\n  url: jdbc:postgresql://127.0.0.1:1/callhook\nlogging:\n  level: 'OFF'\n",
                StandardCharsets.UTF_8);

        Run run = Run.of("db", "migrate", file.toString());

        assertThat(run.failures).hasSize(1);
        assertThat(run.failures.get(0)).hasMessageContaining("Database unavailable");
    }

    /** One in-process run of the application's command line, with its output and fatal errors captured. */
    private static final class Run extends CallhookApplication {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        final List<Throwable> failures = new ArrayList<>();

        static Run of(String... arguments) {
            Run run = new Run();
            try {
                run.run(arguments);
            } catch (Exception e) {
                run.failures.add(e);
            }
            return run;
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        protected PrintStream commandOutput() {
            return printer;
        }

        @Override
        protected void onFatalError(Throwable t) {
            failures.add(t);
        }
    }
}
