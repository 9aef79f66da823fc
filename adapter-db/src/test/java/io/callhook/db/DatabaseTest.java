package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.db.testing.TestDatabase;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path temp;

    @Test
    void withoutUrlRunsEmbeddedServerWhoseMigratedDataSurvivesReopening() {
        DatabaseSettings settings = DatabaseSettings.embedded(temp.resolve("pgdata"));
        UUID organization = UUID.randomUUID();

        try (Database database = Database.open(settings)) {
            assertThat(database.isEmbedded()).isTrue();
            assertThat(database.schema()).isEqualTo("public");
            assertThat(database.migrate().migrationsApplied()).isPositive();
            database.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO organizations (id, name) VALUES (?, 'Kept')", organization));
        }

        try (Database reopened = Database.open(settings)) {
            assertThat(reopened.isUpToDate()).isTrue();
            assertThat(reopened.migrate().migrationsApplied()).isZero();
            String name = reopened.jdbi().withHandle(h -> h
                    .createQuery("SELECT name FROM organizations WHERE id = ?").bind(0, organization)
                    .mapTo(String.class).one());
            assertThat(name).isEqualTo("Kept");
        }
    }

    @Test
    void withUrlConnectsToThatServerAndMigratesTheUrlsCurrentSchema() {
        try (TestDatabase scratch = TestDatabase.createEmpty();
             Database database = Database.open(DatabaseSettings.external(
                     scratch.jdbcUrl(), scratch.user(), scratch.password()))) {
            assertThat(database.isEmbedded()).isFalse();
            assertThat(database.schema()).isEqualTo(scratch.schema());
            assertThat(database.isUpToDate()).isFalse();

            MigrationResult result = database.migrate();

            assertThat(result.currentVersion()).isPresent();
            assertThat(database.status()).allMatch(MigrationStatus::isSuccess);
            assertThat(scratch.migrator().isUpToDate(scratch.dataSource())).isTrue();
            int organizations = database.transactions().inTransaction(h -> h
                    .createQuery("SELECT count(*) FROM organizations").mapTo(Integer.class).one());
            assertThat(organizations).isZero();
        }
    }
}
