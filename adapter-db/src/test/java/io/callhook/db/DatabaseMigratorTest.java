package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.db.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseMigratorTest {

    @Test
    void migratesAnEmptySchemaToTheLatestVersion() {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            DatabaseMigrator migrator = db.migrator();
            assertThat(migrator.isUpToDate(db.dataSource())).isFalse();

            MigrationResult result = migrator.migrate(db.dataSource());

            List<MigrationStatus> status = migrator.status(db.dataSource());
            assertThat(result.migrationsApplied()).isEqualTo(status.size()).isPositive();
            assertThat(result.currentVersion()).contains(status.get(status.size() - 1).version());
            assertThat(status).allMatch(MigrationStatus::isSuccess);
            assertThat(migrator.isUpToDate(db.dataSource())).isTrue();
            assertThat(tablesIn(db)).contains("organizations", "user_profiles", "agents", "phone_numbers");
        }
    }

    @Test
    void secondMigrateAppliesNothing() {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            MigrationResult first = db.migrator().migrate(db.dataSource());

            MigrationResult second = db.migrator().migrate(db.dataSource());

            assertThat(second.migrationsApplied()).isZero();
            assertThat(second.currentVersion()).isEqualTo(first.currentVersion());
        }
    }

    @Test
    void statusListsV1DirectoryAsSuccessAfterMigrate() {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            assertThat(db.migrator().status(db.dataSource()))
                    .contains(new MigrationStatus("1", "directory", "Pending"));

            db.migrator().migrate(db.dataSource());

            assertThat(db.migrator().status(db.dataSource()))
                    .first()
                    .isEqualTo(new MigrationStatus("1", "directory", "Success"));
        }
    }

    @Test
    void migrationsStayInsideTheConfiguredSchema() {
        try (TestDatabase one = TestDatabase.createEmpty(); TestDatabase other = TestDatabase.createEmpty()) {
            one.migrator().migrate(one.dataSource());

            assertThat(tablesIn(other)).isEmpty();
            assertThat(other.migrator().isUpToDate(other.dataSource())).isFalse();
        }
    }

    private static List<String> tablesIn(TestDatabase db) {
        return db.jdbi().withHandle(handle -> handle
                .createQuery("SELECT tablename FROM pg_tables WHERE schemaname = :schema")
                .bind("schema", db.schema())
                .mapTo(String.class)
                .list());
    }
}
