package io.callhook.http;

import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.dropwizard.core.setup.Environment;
import java.util.Objects;

/**
 * The use cases the HTTP adapter drives: webhook ingestion, management commands and queries. Built once at start-up;
 * the resources only call them.
 */
public record CallhookServices(IngestWebhookUseCase ingest, AdministrationUseCase administration,
                               CallhookQueries queries) {

    public CallhookServices {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(queries, "queries");
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
