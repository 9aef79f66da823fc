package io.callhook.http.database;

import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.service.AdministrationService;
import io.callhook.core.service.IngestionService;
import io.callhook.core.service.QueryService;
import io.callhook.db.store.PostgresUnitOfWork;
import io.callhook.http.CallhookConfiguration;
import io.callhook.http.CallhookServices;
import io.callhook.http.MicrosecondClock;
import io.dropwizard.core.setup.Environment;
import io.callhook.db.live.ActivityFeed;
import io.callhook.db.live.StreamTickets;
import io.callhook.db.live.WebhookHealthReader;
import io.callhook.http.stream.LiveSources;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The production services: the core use cases on the PostgreSQL adapter. Everything is built once here; the database
 * itself is opened when the server starts ({@link DatabaseLifecycle}) and the use cases reach it through the pool.
 */
public final class PostgresServices implements CallhookServices.Factory {

    /** The dashboard's reads (the activity feed, webhook health) give up after this, so no stream thread hangs. */
    private static final int LIVE_STATEMENT_TIMEOUT_MILLIS = 5_000;

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
        return new CallhookServices(new IngestionService(unitOfWork, clock),
                new AdministrationService(unitOfWork, clock), new QueryService(unitOfWork), Optional.of(live));
    }
}
