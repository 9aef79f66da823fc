package io.callhook.http;

import io.callhook.core.port.in.IngestWebhookUseCase;
import io.dropwizard.core.setup.Environment;

/**
 * Builds the ingest use case the webhook endpoint calls. The server's default builds it on PostgreSQL; tests plug in a
 * fake. It receives the {@link Environment} so that what it builds (a connection pool, an embedded database) can be
 * registered there as managed objects, health checks and metrics.
 */
@FunctionalInterface
public interface IngestUseCaseFactory {

    IngestWebhookUseCase create(CallhookConfiguration configuration, Environment environment) throws Exception;
}
