package io.callhook.http.database;

import com.codahale.metrics.health.HealthCheck;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.MigrationStatus;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code migrations}: healthy when every migration this server knows is applied and none failed. Migrations applied by
 * a newer server (unknown to this one) do not make it unhealthy.
 */
public final class MigrationsHealthCheck extends HealthCheck {

    /** Name under {@code /healthcheck} on the admin port. */
    public static final String NAME = "migrations";

    private final DatabaseLifecycle database;

    public MigrationsHealthCheck(DatabaseLifecycle database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    protected Result check() {
        List<MigrationStatus> migrations;
        try {
            migrations = database.migrationStatus();
        } catch (PersistenceUnavailableException e) {
            return Result.unhealthy("The migration state cannot be read: the database cannot be reached");
        } catch (RuntimeException e) {
            return Result.unhealthy("The migration state cannot be read: " + e.getMessage());
        }
        List<MigrationStatus> open = migrations.stream()
                .filter(m -> m.isPending() || m.state().contains("Failed"))
                .toList();
        if (!open.isEmpty()) {
            return Result.unhealthy("Schema '" + database.schema() + "' is not up to date: " + open.stream()
                    .map(m -> "V" + m.version() + " " + m.description() + " " + m.state().toLowerCase())
                    .collect(Collectors.joining(", ")) + " (run: java -jar callhook-server.jar db migrate)");
        }
        String version = migrations.stream().filter(MigrationStatus::isSuccess).reduce((a, b) -> b)
                .map(MigrationStatus::version).orElse("none");
        return Result.healthy("Schema '" + database.schema() + "' is at version " + version);
    }
}
