package io.callhook.db;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database of one callhook process, opened from {@link DatabaseSettings}: an external PostgreSQL when a URL is
 * configured, otherwise an embedded one started here and stopped by {@link #close()}.
 *
 * <p>The data source is not pooled (each {@code getConnection()} opens a connection), which suits the CLI and tests; the
 * server wraps its own pool around {@link #dataSource()} or builds its {@code Jdbi} elsewhere and uses
 * {@link DatabaseMigrator} directly.
 *
 * <p>Migrations go to the schema named by the URL's {@code currentSchema} parameter, else {@code public}.
 */
public final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgresServer embedded;
    private final DatabaseMigrator migrator;
    private final Jdbi jdbi;

    private Database(DataSource dataSource, String jdbcUrl, String user, String password,
                     EmbeddedPostgresServer embedded, String schema) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.migrator = new DatabaseMigrator(schema);
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens the configured database. For an external server nothing is connected yet; for the embedded one the server is
     * started (initialising its data directory on first use).
     *
     * @throws IllegalStateException when the embedded server cannot start (see {@link EmbeddedPostgresServer#start})
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.usesEmbedded()) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings);
            try {
                return new Database(server.dataSource(), server.jdbcUrl(), server.user(), server.password(), server,
                        DatabaseMigrator.DEFAULT_SCHEMA);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(settings.url());
        if (settings.user() != null) {
            source.setUser(settings.user());
        }
        if (settings.password() != null) {
            source.setPassword(settings.password());
        }
        String schema = source.getCurrentSchema();
        if (schema == null || schema.isBlank() || schema.contains(",")) {
            schema = DatabaseMigrator.DEFAULT_SCHEMA;
        }
        return new Database(source, settings.url(), source.getUser(), settings.password(), null, schema.trim());
    }

    /** Non-pooled connections to the configured database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A plain {@code Jdbi} over {@link #dataSource()}; repositories install the plugins they need. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Retrying READ COMMITTED transactions over {@link #jdbi()}. */
    public TransactionRunner transactions() {
        return new TransactionRunner(jdbi);
    }

    /** JDBC URL, e.g. for logging (as configured; may hold credentials when the configured URL does). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user connections are made as, or {@code null} when left to the driver. */
    public String user() {
        return user;
    }

    /** The password connections are made with, or {@code null} when none is configured. */
    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The schema {@link #migrate()} works on. */
    public String schema() {
        return migrator.schema();
    }

    public DatabaseMigrator migrator() {
        return migrator;
    }

    /** Applies pending migrations; see {@link DatabaseMigrator#migrate}. */
    public MigrationResult migrate() {
        return migrator.migrate(dataSource);
    }

    /** See {@link DatabaseMigrator#status}. */
    public List<MigrationStatus> status() {
        return migrator.status(dataSource);
    }

    /** See {@link DatabaseMigrator#isUpToDate}. */
    public boolean isUpToDate() {
        return migrator.isUpToDate(dataSource);
    }

    /** Stops the embedded server, if this database started one; the data stays on disk. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public String toString() {
        return "Database[" + (embedded != null ? embedded : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")) + "]";
    }
}
