package io.callhook.http.database;

import com.codahale.metrics.health.HealthCheck;
import io.callhook.db.FailureSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/** {@code database}: healthy when a pooled connection answers {@code SELECT 1} within two seconds. */
public final class DatabaseHealthCheck extends HealthCheck {

    /** Name under {@code /healthcheck} on the admin port. */
    public static final String NAME = "database";
    private static final int TIMEOUT_SECONDS = 2;

    private final DatabaseLifecycle database;

    public DatabaseHealthCheck(DatabaseLifecycle database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    protected Result check() {
        long start = System.nanoTime();
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return Result.healthy("SELECT 1 answered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (SQLException e) {
            // the summary, not the driver's message: no SQL, host names or values in an answer
            return Result.unhealthy("The database cannot be reached: " + FailureSummary.of(e)
                    + " (webhooks are answered 503 until it can)");
        }
    }
}
