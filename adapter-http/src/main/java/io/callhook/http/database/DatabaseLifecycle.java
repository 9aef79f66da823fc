package io.callhook.http.database;

import com.codahale.metrics.MetricRegistry;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.Database;
import io.callhook.db.FailureSummary;
import io.callhook.db.DatabaseSettings;
import io.callhook.db.MigrationResult;
import io.callhook.db.MigrationStatus;
import io.callhook.http.config.DatabaseFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database from start to stop: opens it when the server starts (starting the embedded PostgreSQL when no
 * URL is configured), puts a connection pool in front of it, brings the schema up to date, and at shutdown closes the
 * pool and stops the embedded server.
 *
 * <p>A server must be able to start while an external database is down: it then answers webhooks 503 (Retell retries)
 * and reports itself unhealthy, and it applies the migrations as soon as the database can be reached, retrying in the
 * background. A migration that fails for any other reason (a broken or changed migration file) stops the start-up:
 * that is a deployment to fix, not a condition to wait out.
 */
public final class DatabaseLifecycle implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLifecycle.class);
    static final String POOL_NAME = "callhook";

    private final DatabaseFactory configuration;
    private final MetricRegistry metrics;
    private final Duration migrationRetryInterval;

    private volatile Database database;
    private volatile ManagedDataSource pool;
    private volatile boolean migrated;
    private ScheduledExecutorService migrationRetries;

    public DatabaseLifecycle(DatabaseFactory configuration, MetricRegistry metrics) {
        this(configuration, metrics, Duration.ofSeconds(2));
    }

    DatabaseLifecycle(DatabaseFactory configuration, MetricRegistry metrics, Duration migrationRetryInterval) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.migrationRetryInterval = Objects.requireNonNull(migrationRetryInterval, "migrationRetryInterval");
    }

    @Override
    public void start() throws Exception {
        DatabaseSettings settings = configuration.toSettings();
        Database opened = Database.open(settings);
        ManagedDataSource started;
        try {
            started = (opened.isEmbedded()
                    ? configuration.poolFor(opened.jdbcUrl(), opened.user(), opened.password())
                    : configuration.poolFor(settings.url(), settings.user(), settings.password()))
                    .build(metrics, POOL_NAME);
            started.start();
        } catch (Exception | Error e) {
            opened.close();
            throw e;
        }
        database = opened;
        pool = started;
        if (opened.isEmbedded()) {
            LOG.info("Using the embedded PostgreSQL in {} ({}); set CALLHOOK_DATABASE_URL to use an external server",
                    settings.embeddedDataDirectory().toAbsolutePath().normalize(), opened.jdbcUrl());
        } else {
            LOG.info("Using PostgreSQL at {}, schema '{}'", opened, opened.schema());
        }
        migrateOrRetryLater();
    }

    private void migrateOrRetryLater() {
        try {
            migrate();
        } catch (PersistenceUnavailableException unavailable) {
            LOG.error("The database cannot be reached ({}). Webhooks are answered 503 (Retell retries them) and the "
                            + "health checks report it until it can; migrations will be applied then (retrying every {} s).",
                    FailureSummary.of(unavailable), migrationRetryInterval.toSeconds());
            migrationRetries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "callhook-migration-retry");
                thread.setDaemon(true);
                return thread;
            });
            long millis = migrationRetryInterval.toMillis();
            migrationRetries.scheduleWithFixedDelay(this::retryMigration, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void retryMigration() {
        if (migrated) {
            return;
        }
        try {
            migrate();
            migrationRetries.shutdown();
        } catch (PersistenceUnavailableException stillDown) {
            LOG.debug("Database still unreachable; migrations not applied yet", stillDown);
        } catch (RuntimeException failed) {
            LOG.error("Migrations failed; the server stays unhealthy until they are fixed and it is restarted: {}",
                    FailureSummary.of(failed));
            migrationRetries.shutdown();
        }
    }

    private void migrate() {
        MigrationResult result = database.migrator().migrate(pool);
        migrated = true;
        String version = result.currentVersion().orElse("none");
        if (result.migrationsApplied() > 0) {
            LOG.info("Applied {} migration(s); schema '{}' is at version {}", result.migrationsApplied(),
                    database.schema(), version);
        } else {
            LOG.info("Schema '{}' is up to date at version {}", database.schema(), version);
        }
    }

    /**
     * A pooled connection; the caller closes it.
     *
     * @throws SQLException a {@link SQLTransientConnectionException} (SQLState 08003) when the server is not started, or
     *                      the pool's own failure when no connection can be had in time
     */
    public Connection connection() throws SQLException {
        ManagedDataSource current = pool;
        if (current == null) {
            throw new SQLTransientConnectionException("the database is not started", "08003");
        }
        return current.getConnection();
    }

    /**
     * The database without the pool, for a connection held for long (listening for notifications).
     *
     * @throws IllegalStateException when the server is not started
     */
    public javax.sql.DataSource unpooled() {
        Database current = database;
        if (current == null) {
            throw new IllegalStateException("the database is not started");
        }
        return current.dataSource();
    }

    /** Whether the schema was brought up to date since start-up. */
    public boolean isMigrated() {
        return migrated;
    }

    /**
     * Every migration and its state, read from the database.
     *
     * @throws PersistenceUnavailableException when the database cannot be reached or is not started
     */
    public List<MigrationStatus> migrationStatus() {
        Database current = database;
        ManagedDataSource currentPool = pool;
        if (current == null || currentPool == null) {
            throw new PersistenceUnavailableException("the database is not started", null);
        }
        return current.migrator().status(currentPool);
    }

    /** The schema migrations go to. */
    public String schema() {
        Database current = database;
        return current == null ? "?" : current.schema();
    }

    @Override
    public void stop() throws Exception {
        if (migrationRetries != null) {
            migrationRetries.shutdownNow();
        }
        ManagedDataSource currentPool = pool;
        Database current = database;
        pool = null;
        database = null;
        try {
            if (currentPool != null) {
                currentPool.stop();
            }
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }
}
