package io.callhook.http.database;

import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.service.AdministrationService;
import io.callhook.core.service.IngestionService;
import io.callhook.core.service.QueryService;
import io.callhook.db.FailureReasons;
import io.callhook.db.InboxNotifications;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.http.CallhookConfiguration;
import io.callhook.http.CallhookServices;
import io.callhook.http.MicrosecondClock;
import io.callhook.http.config.IngestionFactory;
import io.callhook.http.ingestion.InboxAppliers;
import io.callhook.http.ingestion.IngestionHealthCheck;
import io.callhook.http.ingestion.IngestionMetrics;
import io.callhook.http.ingestion.WakingIngest;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.core.setup.Environment;
import io.callhook.db.live.ActivityFeed;
import io.callhook.db.live.StreamTickets;
import io.callhook.db.live.WebhookHealthReader;
import io.callhook.http.stream.LiveSources;
import java.time.Clock;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * The production services: the core use cases on the PostgreSQL adapter. Everything is built once here; the database
 * itself is opened when the server starts ({@link DatabaseLifecycle}) and the use cases reach it through the pool.
 */
public final class PostgresServices implements CallhookServices.Factory {

    /** The dashboard's reads (the activity feed, webhook health) give up after this, so no stream thread hangs. */
    private static final int LIVE_STATEMENT_TIMEOUT_MILLIS = 5_000;

    /** Longest statement of an API read; far above what any of them takes on an indexed table. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public CallhookServices create(CallhookConfiguration configuration, Environment environment) {
        configuration.getDatabase().toSettings(); // a malformed URL stops the start-up here, with its message
        DatabaseLifecycle database = new DatabaseLifecycle(configuration.getDatabase(), environment.metrics());
        environment.lifecycle().manage(database);
        environment.healthChecks().register(DatabaseHealthCheck.NAME, new DatabaseHealthCheck(database));
        environment.healthChecks().register(MigrationsHealthCheck.NAME, new MigrationsHealthCheck(database));

        Jdbi jdbi = Jdbi.create(database::connection);
        UnitOfWork unitOfWork = new PostgresUnitOfWork(jdbi);
        Clock clock = MicrosecondClock.systemUtc(); // what the use cases create is exactly what PostgreSQL keeps
        LiveSources live = new LiveSources(new ActivityFeed(jdbi, LIVE_STATEMENT_TIMEOUT_MILLIS), database::connection,
                new StreamTickets(jdbi, clock, configuration.getStream().getTicketLifetime().toJavaDuration()),
                new WebhookHealthReader(jdbi, clock, LIVE_STATEMENT_TIMEOUT_MILLIS));
        IngestionFactory ingestion = configuration.getIngestion();
        IngestionService ingest = new IngestionService(unitOfWork, clock, ingestion.toPolicy(),
                FailureReasons::describe);
        Runnable wakeAppliers = manageAppliers(ingestion, ingest, database, environment, clock);
        // reads get a statement timeout: a long-held snapshot would keep the inbox's dead row versions alive
        UnitOfWork reads = PostgresUnitOfWork.forReads(Jdbi.create(database::connection), READ_TIMEOUT);
        return new CallhookServices(new WakingIngest(ingest, wakeAppliers),
                new AdministrationService(unitOfWork, clock), new QueryService(reads),
                Optional.of(live));
    }

    /**
     * The appliers, started after the database (managed objects start in the order they are added and stop in reverse),
     * woken by inbox hints, with their metrics and health check; and the hint connection, which runs even without
     * appliers, since the other processes' appliers need the hints this one's deliveries give.
     *
     * @return what wakes the appliers after a delivery is stored: this process's at once, the others' by a hint
     */
    private static Runnable manageAppliers(IngestionFactory ingestion, IngestionService ingest,
                                           DatabaseLifecycle database, Environment environment, Clock clock) {
        IngestionMetrics metrics = new IngestionMetrics(environment.metrics(), ingest, clock);
        environment.healthChecks().register(IngestionHealthCheck.NAME,
                new IngestionHealthCheck(metrics, ingestion.getMaxLag().toJavaDuration()));
        InboxAppliers appliers = new InboxAppliers(ingest, metrics, ingestion.getAppliers(), ingestion.getBatchSize(),
                ingestion.getPollInterval().toJavaDuration());
        environment.lifecycle().manage(appliers);
        AtomicReference<InboxNotifications> hints = new AtomicReference<>();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                hints.set(InboxNotifications.start(database.unpooled(), appliers::wake,
                        ingestion.getPollInterval().toJavaDuration().multipliedBy(4)));
            }

            @Override
            public void stop() {
                InboxNotifications started = hints.getAndSet(null);
                if (started != null) {
                    started.close();
                }
            }
        });
        return () -> {
            appliers.wake();
            InboxNotifications started = hints.get();
            if (started != null) {
                started.hint();
            }
        };
    }
}
