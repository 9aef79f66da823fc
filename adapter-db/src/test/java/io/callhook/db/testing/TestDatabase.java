package io.callhook.db.testing;

import io.callhook.db.DatabaseMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A freshly created, migrated PostgreSQL schema of its own for one test class (or one test), dropped afterwards.
 *
 * <pre>{@code
 * class PostgresCallRepositoryTest {
 *     @RegisterExtension
 *     static TestDatabase db = TestDatabase.create();
 *
 *     @BeforeEach
 *     void clean() { db.truncateAll(); }
 *
 *     @Test
 *     void ... { new PostgresCallRepository(db.jdbi()) ... }
 * }
 * }</pre>
 *
 * <p>Outside JUnit it works as a plain {@link AutoCloseable}: {@code try (TestDatabase db = TestDatabase.create()) {...}}.
 * The schema is created lazily (on the first accessor call or in {@code beforeAll}) and dropped with {@code CASCADE}
 * in {@code afterAll} / {@link #close()}.
 *
 * <p>Which server: when {@value #URL_VARIABLE} is set (e.g. {@code jdbc:postgresql://127.0.0.1:5432/callhook_ci}), that
 * one, as {@value #USER_VARIABLE} (default {@code postgres}) with {@value #PASSWORD_VARIABLE} (default empty);
 * otherwise one embedded PostgreSQL per JVM, started on first use in a temporary folder and stopped (and deleted) when
 * the JVM exits. Schemas are named {@code t_<random>}, so tests never rely on the database being empty and can run in
 * parallel against the same server.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String URL_VARIABLE = "CALLHOOK_TEST_DATABASE_URL";
    public static final String USER_VARIABLE = "CALLHOOK_TEST_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "CALLHOOK_TEST_DATABASE_PASSWORD";

    private static final String HISTORY_TABLE = "flyway_schema_history";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean migrate;
    private State state;

    private TestDatabase(boolean migrate) {
        this.migrate = migrate;
    }

    /** A schema migrated to the latest version. */
    public static TestDatabase create() {
        return new TestDatabase(true);
    }

    /** An empty schema without any migration applied, for testing the migrations themselves. */
    public static TestDatabase createEmpty() {
        return new TestDatabase(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        state();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Connections whose {@code search_path} is this schema (non-pooled). */
    public DataSource dataSource() {
        return state().dataSource;
    }

    /** A plain {@code Jdbi} over {@link #dataSource()}, created once per schema; install plugins as needed. */
    public Jdbi jdbi() {
        return state().jdbi;
    }

    /**
     * Inbox entries accepted but not applied yet (pending, or failed and waiting for another attempt): a test that
     * reads what a webhook did waits until this is zero.
     */
    public long unappliedInboxEntries() {
        return jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM webhook_events WHERE status IN ('pending', 'failed')").mapTo(Long.class).one());
    }

    /** JDBC URL with {@code currentSchema} set to this schema, usable by another process (with {@link #user()}). */
    public String jdbcUrl() {
        return state().jdbcUrl;
    }

    public String user() {
        return server().user();
    }

    /** The password, empty when there is none. */
    public String password() {
        return server().password();
    }

    /** The schema's name, {@code t_} followed by random hex digits. */
    public String schema() {
        return state().schema;
    }

    /** A migrator bound to this schema (e.g. to test {@code migrate()} on a {@link #createEmpty()} database). */
    public DatabaseMigrator migrator() {
        return new DatabaseMigrator(schema());
    }

    /** Empties every table of the schema except Flyway's history, resetting sequences. */
    public void truncateAll() {
        String schema = schema();
        try (Connection connection = dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (var statement = connection.prepareStatement(
                    "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename <> ? ORDER BY tablename")) {
                statement.setString(1, schema);
                statement.setString(2, HISTORY_TABLE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tables.add(quote(schema) + "." + quote(rows.getString(1)));
                    }
                }
            }
            if (!tables.isEmpty()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not truncate the tables of test schema " + schema, e);
        }
    }

    /** Drops the schema with everything in it. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (state == null) {
            return;
        }
        String schema = state.schema;
        state = null;
        server().execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
    }

    @Override
    public String toString() {
        State current = state;
        return "TestDatabase[" + (current == null ? "not created" : current.jdbcUrl) + "]";
    }

    private synchronized State state() {
        if (state == null) {
            state = createState();
        }
        return state;
    }

    private State createState() {
        Server server = server();
        String schema = "t_" + HexFormat.of().formatHex(randomBytes());
        server.execute("CREATE SCHEMA " + quote(schema));
        try {
            String url = withParameter(server.url(), "currentSchema", schema);
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            dataSource.setUser(server.user());
            if (!server.password().isEmpty()) {
                dataSource.setPassword(server.password());
            }
            if (migrate) {
                new DatabaseMigrator(schema).migrate(dataSource);
            }
            return new State(schema, url, dataSource, Jdbi.create(dataSource));
        } catch (RuntimeException e) {
            server.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
            throw e;
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static Server server() {
        return Server.INSTANCE.get();
    }

    private record State(String schema, String jdbcUrl, DataSource dataSource, Jdbi jdbi) {
    }

    /** The one PostgreSQL server of this JVM's tests. */
    private record Server(String url, String user, String password, DataSource admin) {

        /** Lazily resolved once per JVM (class-holder idiom would not let us report errors on every call). */
        static final Lazy INSTANCE = new Lazy();

        void execute(String sql) {
            try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Test database: '" + sql + "' failed on " + url + ": " + e.getMessage(), e);
            }
        }

        static Server fromEnvironmentOrEmbedded() {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                String user = valueOr(System.getenv(USER_VARIABLE), "postgres");
                String password = valueOr(System.getenv(PASSWORD_VARIABLE), "");
                PGSimpleDataSource admin = new PGSimpleDataSource();
                admin.setURL(url.trim());
                admin.setUser(user);
                if (!password.isEmpty()) {
                    admin.setPassword(password);
                }
                return new Server(url.trim(), user, password, admin);
            }
            return embedded();
        }

        private static Server embedded() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        // a throw-away cluster: durability buys nothing here, speed does
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setCleanDataDirectory(true)
                        .setRegisterShutdownHook(true) // stops the server and deletes its folder when the JVM exits
                        .start();
                String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
                return new Server(url, "postgres", "", postgres.getPostgresDatabase());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests (set "
                        + URL_VARIABLE + " to use an existing server instead)", e);
            }
        }

        private static String valueOr(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private static final class Lazy {
        private Server server;
        private RuntimeException failure;

        synchronized Server get() {
            if (server == null && failure == null) {
                try {
                    server = Server.fromEnvironmentOrEmbedded();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException("The test PostgreSQL server is not available", failure);
            }
            return server;
        }
    }
}
