package io.callhook.http;

import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.dropwizard.core.setup.Environment;
import io.callhook.http.stream.LiveSources;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases the HTTP adapter drives: webhook ingestion, management commands and queries, and the database's live
 * sources for the dashboard's stream. Built once at start-up; the resources only call them.
 */
public record CallhookServices(IngestWebhookUseCase ingest, AdministrationUseCase administration,
                               CallhookQueries queries, Optional<LiveSources> live) {

    public CallhookServices {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(live, "live");
    }

    /** Services without the database's live sources: no {@code /api/stream} (tests with fakes). */
    public CallhookServices(IngestWebhookUseCase ingest, AdministrationUseCase administration, CallhookQueries queries) {
        this(ingest, administration, queries, Optional.empty());
    }

    /**
     * Builds the services for a configuration. The server's default builds them on PostgreSQL
     * ({@link io.callhook.http.database.PostgresServices}); tests plug in fakes. It receives the {@link Environment} so
     * that what it builds (a connection pool, an embedded database) is registered there as managed objects, health
     * checks and metrics.
     */
    @FunctionalInterface
    public interface Factory {

        CallhookServices create(CallhookConfiguration configuration, Environment environment) throws Exception;
    }
}
