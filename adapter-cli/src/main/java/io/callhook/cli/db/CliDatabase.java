package io.callhook.cli.db;

import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.Database;
import io.callhook.db.DatabaseSettings;
import io.callhook.db.MigrationResult;
import io.callhook.db.MigrationStatus;
import io.callhook.db.store.PostgresUnitOfWork;
import org.flywaydb.core.api.FlywayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The database a command works on, opened the way the server opens it ({@link Database#open}), and checked before any
 * work starts: a database that cannot be reached (or an embedded one that cannot start) is a
 * {@link PersistenceUnavailableException}, which the CLI answers with exit code 3.
 */
public final class CliDatabase implements AutoCloseable {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");

    /** What to do about the schema before the command runs. */
    public enum SchemaPolicy {
        /** Apply pending migrations, as the server does at start (commands that write). */
        MIGRATE,
        /** Refuse to work on a schema with pending migrations, writing nothing (dry runs, read-only commands). */
        REQUIRE_CURRENT,
        /** Only connect ({@code db status}, {@code db migrate}). */
        CONNECT_ONLY
    }

    private final Database database;
    private final MigrationResult migration;
    private final String description;

    private CliDatabase(Database database, MigrationResult migration, String description) {
        this.database = database;
        this.migration = migration;
        this.description = description;
    }

    /**
     * Opens, connects once, and applies {@code policy}.
     *
     * @throws PersistenceUnavailableException when the database cannot be reached or the embedded one cannot start
     * @throws SchemaNotCurrentException       under {@link SchemaPolicy#REQUIRE_CURRENT} when migrations are pending
     */
    public static CliDatabase open(DatabaseSettings settings, SchemaPolicy policy) {
        Objects.requireNonNull(settings, "settings");
        Database database;
        try {
            database = Database.open(settings);
        } catch (IllegalStateException e) {
            String hint = String.valueOf(e.getMessage()).contains("already in use")
                    ? " (is the callhook server running on it? Then replay through the server with --url"
                    + " http://localhost:8080/webhooks/retell, or stop it first)" : "";
            throw new PersistenceUnavailableException("the embedded PostgreSQL did not start: " + e.getMessage() + hint,
                    e);
        }
        try {
            String description = database.isEmbedded()
                    ? "embedded PostgreSQL in " + settings.embeddedDataDirectory().toAbsolutePath().normalize()
                    : redact(database.jdbcUrl());
            checkConnection(database, description);
            MigrationResult migration = null;
            try {
                if (policy == SchemaPolicy.MIGRATE) {
                    migration = database.migrate();
                } else if (policy == SchemaPolicy.REQUIRE_CURRENT) {
                    requireCurrent(database);
                }
            } catch (FlywayException e) {
                // Flyway puts the useful part (which migration, which checksum) on the lines after the first
                throw new SchemaNotCurrentException("the schema '" + database.schema() + "' of " + description
                        + " does not match this callhook: " + String.join("; ", String.valueOf(e.getMessage()).lines()
                        .map(String::strip).filter(line -> !line.isEmpty()).toList()));
            }
            return new CliDatabase(database, migration, description);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void checkConnection(Database database, String description) {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new PersistenceUnavailableException(description + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void requireCurrent(Database database) {
        List<MigrationStatus> statuses = database.status();
        long pending = statuses.stream().filter(MigrationStatus::isPending).count();
        long failed = statuses.stream().filter(s -> !s.isPending() && !s.isSuccess()).count();
        if (pending > 0 || failed > 0) {
            throw new SchemaNotCurrentException("the database schema '" + database.schema() + "' is not up to date ("
                    + (pending > 0 ? pending + " migration" + (pending == 1 ? "" : "s") + " pending" : "")
                    + (pending > 0 && failed > 0 ? ", " : "")
                    + (failed > 0 ? failed + " failed" : "")
                    + "): run 'callhook db migrate' first");
        }
    }

    /** The opened database (data source, migrator, schema). */
    public Database database() {
        return database;
    }

    /** A unit of work per transaction, the same adapter the server uses. */
    public UnitOfWork unitOfWork() {
        return new PostgresUnitOfWork(database.jdbi());
    }

    /** What {@link SchemaPolicy#MIGRATE} did, or {@code null} under another policy. */
    public MigrationResult migration() {
        return migration;
    }

    /** For summaries: the URL without a password, or the embedded server's data directory. */
    public String description() {
        return description;
    }

    /** Stops the embedded server if this command started one. */
    @Override
    public void close() {
        database.close();
    }

    /** Masks {@code password=...} in a URL or message. */
    public static String redact(String text) {
        return text == null ? null : PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "connection failed";
        }
        return redact(message.lines().findFirst().orElse("").strip());
    }

    /** The schema has pending (or failed) migrations and the command may not apply them. */
    public static final class SchemaNotCurrentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SchemaNotCurrentException(String message) {
            super(message.replace('\n', ' '));
        }
    }
}
