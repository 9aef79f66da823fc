package io.callhook.db;

import io.callhook.core.port.out.PersistenceUnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a schema to the latest version with Flyway, from the SQL files in {@value #LOCATION}.
 *
 * <p>The schema defaults to {@code public}; tests pass their own to stay isolated. Flyway creates the schema when it
 * is missing and keeps its history table {@code flyway_schema_history} in it. A database that cannot be reached is
 * reported as {@link PersistenceUnavailableException}; any other Flyway failure (a broken migration, a changed
 * checksum) as Flyway's own {@link FlywayException}.
 */
public final class DatabaseMigrator {

    public static final String DEFAULT_SCHEMA = "public";
    public static final String LOCATION = "classpath:db/migration";

    private final String schema;

    /** Migrates the {@code public} schema. */
    public DatabaseMigrator() {
        this(DEFAULT_SCHEMA);
    }

    public DatabaseMigrator(String schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.isBlank()) {
            throw new IllegalArgumentException("schema must not be blank");
        }
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    /** Applies every pending migration, each in its own transaction. */
    public MigrationResult migrate(DataSource dataSource) {
        MigrateResult result = run(dataSource, Flyway::migrate);
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new MigrationResult(result.migrationsExecuted, Optional.ofNullable(version));
    }

    /** Every known migration, applied or not, in order. */
    public List<MigrationStatus> status(DataSource dataSource) {
        MigrationInfoService info = run(dataSource, Flyway::info);
        return Arrays.stream(info.all()).map(DatabaseMigrator::toStatus).toList();
    }

    /** True when nothing is pending and nothing failed: the health check's question. */
    public boolean isUpToDate(DataSource dataSource) {
        MigrationInfoService info = run(dataSource, Flyway::info);
        boolean anyFailed = Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
        return info.pending().length == 0 && !anyFailed;
    }

    private static MigrationStatus toStatus(MigrationInfo info) {
        return new MigrationStatus(
                info.getVersion() == null ? "" : info.getVersion().getVersion(),
                info.getDescription() == null ? "" : info.getDescription(),
                info.getState().getDisplayName());
    }

    private <T> T run(DataSource dataSource, Function<Flyway, T> command) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway flyway = Flyway.configure(DatabaseMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .schemas(schema)
                .defaultSchema(schema)
                .load();
        try {
            return command.apply(flyway);
        } catch (FlywayException e) {
            if (SqlFailures.isUnavailable(e)) {
                throw new PersistenceUnavailableException(
                        "Database unavailable while migrating schema '" + schema + "': " + FailureSummary.of(e), e);
            }
            throw e;
        }
    }
}
