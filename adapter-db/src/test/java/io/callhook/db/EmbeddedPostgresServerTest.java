package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path temp;

    @Test
    void dataIsKeptAcrossRestartsOnTheSameDataDirectory() throws Exception {
        Path dataDirectory = temp.resolve("pgdata");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            execute(server, "CREATE TABLE survivor (name text)");
            execute(server, "INSERT INTO survivor VALUES ('still here')");
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            try (Connection connection = restarted.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void jdbcUrlAndPortReachADurableServerWithUserPostgres() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(temp.resolve("pg"), 0);
             Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('port')::int, version(),"
                     + " current_setting('fsync'), current_setting('synchronous_commit')")) {
            rows.next();
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres");
            assertThat(rows.getInt(1)).isEqualTo(server.port());
            assertThat(rows.getString(2)).startsWith("PostgreSQL 15");
            // unlike zonky's test defaults: this cluster holds real data
            assertThat(rows.getString(3)).isEqualTo("on");
            assertThat(rows.getString(4)).isEqualTo("on");
        }
    }

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndThePasswordIsKeptOwnerOnlyInTheDataFolder() throws Exception {
        Path dataDirectory = temp.resolve("secured");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "").close())
                    .isInstanceOf(SQLException.class)
                    // the server asked for a password and the driver had none to give
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08004"));
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            Path file = dataDirectory.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(Files.readString(file).strip()).isEqualTo(server.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_setting('listen_addresses')")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    void aClusterCreatedWithoutAPasswordGetsOneOnItsNextStart() throws Exception {
        Path dataDirectory = temp.resolve("old");
        // a cluster as callhook made them before: zonky's initdb, trust for every local connection
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).start().close();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(dataDirectory.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).exists();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "").close())
                    .isInstanceOf(SQLException.class);
            try (Connection connection = server.dataSource().getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsReportedClearly() throws Exception {
        Path regularFile = Files.writeString(temp.resolve("not-a-folder"), "x");
        Path impossible = regularFile.resolve("pgdata");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(impossible, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + impossible + "' is not writable")
                .hasMessageContaining("CALLHOOK_EMBEDDED_DATA_DIR");
    }

    @Test
    void dataDirectoryThatIsAFileIsReportedClearly() throws Exception {
        Path regularFile = Files.writeString(temp.resolve("pgdata"), "x");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(regularFile, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not writable");
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsRefused() {
        Path dataDirectory = temp.resolve("shared");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, 0).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
            assertThat(first.port()).isPositive();
        }
    }

    /** As root, PostgreSQL runs through `unshare -U` without root's privileges: the folder must suit that. */
    @Test
    void asRootAFolderOnlyRootPrivilegesCouldWriteIsReportedClearly() throws Exception {
        Path probe = Files.createFile(temp.resolve("whoami"));
        assumeTrue((Integer) Files.getAttribute(probe, "unix:uid") == 0, "only meaningful when running as root");
        Path foreign = Files.createDirectory(temp.resolve("foreign"));
        Files.setAttribute(foreign, "unix:uid", 65534);
        Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(foreign.resolve("pgdata"), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not writable")
                .hasMessageContaining("unshare -U");
    }

    @Test
    @Timeout(120)
    void serverLeftRunningByAKilledProcessIsStoppedAndTheDataDirectoryReused() throws Exception {
        Path dataDirectory = temp.resolve("orphaned");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartAndHang.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("owner.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(temp.resolve("owner.log")).contains(StartAndHang.READY)) {
                assertThat(owner.isAlive()).as("owner process still running").isTrue();
                assertThat(System.nanoTime()).as("owner started its server in time").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            owner.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the postmaster stays behind
        }
        assertThat(dataDirectory.resolve("postmaster.pid")).exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
             Connection connection = server.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM written_before_kill")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("durable");
        }
    }

    /** The process that gets killed in the test above. */
    static final class StartAndHang {
        static final String READY = "SERVER-READY";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            execute(server, "CREATE TABLE written_before_kill (name text)");
            execute(server, "INSERT INTO written_before_kill VALUES ('durable')");
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
