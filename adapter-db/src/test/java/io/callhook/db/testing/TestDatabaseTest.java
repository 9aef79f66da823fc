package io.callhook.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestDatabaseTest {

    @RegisterExtension
    static TestDatabase db = TestDatabase.create();

    @Test
    void schemaIsMigratedAndIsTheConnectionsSearchPath() {
        String currentSchema = db.jdbi().withHandle(h -> h.createQuery("SELECT current_schema()")
                .mapTo(String.class).one());

        assertThat(currentSchema).isEqualTo(db.schema()).startsWith("t_");
        assertThat(db.migrator().isUpToDate(db.dataSource())).isTrue();
    }

    @Test
    void twoInstancesDoNotSeeEachOthersRows() {
        try (TestDatabase other = TestDatabase.create()) {
            other.jdbi().useHandle(h -> h.execute("INSERT INTO organizations (name) VALUES ('Only in other')"));

            assertThat(other.schema()).isNotEqualTo(db.schema());
            assertThat(countOrganizations(db, "Only in other")).isZero();
            assertThat(countOrganizations(other, "Only in other")).isEqualTo(1);
        }
    }

    @Test
    void truncateAllEmptiesTablesButKeepsTheMigrationHistory() {
        db.jdbi().useHandle(h -> h.execute("INSERT INTO organizations (id, name) VALUES (?, 'Gone soon')",
                UUID.randomUUID()));

        db.truncateAll();

        assertThat(countOrganizations(db, "Gone soon")).isZero();
        assertThat(db.migrator().isUpToDate(db.dataSource())).isTrue();
    }

    @Test
    void closeDropsTheSchema() {
        TestDatabase temporary = TestDatabase.create();
        String schema = temporary.schema();

        temporary.close();
        temporary.close();

        int schemas = db.jdbi().withHandle(h -> h
                .createQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")
                .bind(0, schema).mapTo(Integer.class).one());
        assertThat(schemas).isZero();
    }

    @Test
    void jdbcUrlWithUserAndPasswordOpensTheSameSchemaFromAnotherDriverConnection() throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_schema(), count(*) FROM phone_numbers")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(db.schema());
        }
    }

    private static int countOrganizations(TestDatabase database, String name) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM organizations WHERE name = ?")
                .bind(0, name).mapTo(Integer.class).one());
    }
}
