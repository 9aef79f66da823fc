package io.callhook.cli.replay;

import io.callhook.cli.CliExceptionHandler;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.retell.EventNames;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays into the database through the same ingestion use case the webhook endpoint uses, so the database ends up
 * exactly as if Retell had delivered the events (the signature check aside, which {@code --verify} does beforehand).
 *
 * <p>A batch is one {@link IngestWebhookUseCase#ingestBatch} call, one transaction. When it fails as a whole for a
 * reason other than an unreachable database (one event trips a constraint, say), nothing of it was recorded, and its
 * events are replayed again one at a time, so only the bad event fails and its neighbours are applied.
 */
public final class DatabaseTarget implements ReplayTarget {

    /** SQLStates of a transaction PostgreSQL rolled back and that was retried to no avail: an event problem. */
    private static final List<String> CONTENTION_STATES = List.of("40001", "40P01");

    private static final String UNKNOWN = "unknown";

    private final IngestWebhookUseCase ingestion;
    private final Clock clock;
    private final int batchSize;

    /**
     * @param ingestion the use case, over the real or a rolling-back unit of work
     * @param clock     the receive time of the replayed deliveries
     * @param batchSize events per transaction
     */
    public DatabaseTarget(IngestWebhookUseCase ingestion, Clock clock, int batchSize) {
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
    }

    @Override
    public int preferredBatchSize() {
        return batchSize;
    }

    @Override
    public List<EventResult> replay(List<RecordedEvent> batch) throws TargetUnavailableException {
        if (batch.isEmpty()) {
            return List.of();
        }
        if (batch.size() > 1) {
            List<Delivery> deliveries = batch.stream().map(e -> new Delivery(e.body(), clock.instant())).toList();
            try {
                List<IngestOutcome> outcomes = ingestion.ingestBatch(deliveries);
                List<EventResult> results = new ArrayList<>(outcomes.size());
                for (int i = 0; i < outcomes.size(); i++) {
                    results.add(result(outcomes.get(i), batch.get(i).body()));
                }
                return results;
            } catch (RuntimeException e) {
                if (isUnreachable(e)) {
                    throw unavailable(e, List.of());
                }
                // nothing of the batch was recorded: find the bad event(s) one by one
            }
        }
        List<EventResult> results = new ArrayList<>(batch.size());
        for (RecordedEvent event : batch) {
            try {
                results.add(result(ingestion.ingest(new Delivery(event.body(), clock.instant())), event.body()));
            } catch (RuntimeException e) {
                if (isUnreachable(e)) {
                    throw unavailable(e, results);
                }
                results.add(EventResult.failed(EventNames.of(event.body()),
                        "could not be stored: " + CliExceptionHandler.describe(e)));
            }
        }
        return results;
    }

    /**
     * The one place that turns a use-case outcome into a summary result. A body rejected as malformed has no event
     * name in the outcome ({@code unknown}); its row is then the {@code event} field of the body, when it has one.
     */
    static EventResult result(IngestOutcome outcome, byte[] body) {
        String type = outcome.eventName();
        if (UNKNOWN.equals(type) && body != null) {
            String named = EventNames.of(body);
            type = named != null ? named : type;
        }
        if (outcome instanceof IngestOutcome.Rejected rejected) {
            return EventResult.rejected(type, rejected.reason());
        }
        return EventResult.of(type, ReplayOutcome.of(outcome));
    }

    private static TargetUnavailableException unavailable(RuntimeException e, List<EventResult> completed) {
        return new TargetUnavailableException("could not reach the database: " + CliExceptionHandler.describe(e)
                .replaceFirst("^could not reach the database: ", ""), completed, e);
    }

    /**
     * Whether the database went away (as opposed to one event failing): a {@link PersistenceUnavailableException} that
     * is not about retries exhausted on contention, or a connection failure anywhere in the causes.
     */
    static boolean isUnreachable(Throwable failure) {
        boolean persistenceUnavailable = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PersistenceUnavailableException) {
                persistenceUnavailable = true;
            }
            if (t instanceof SQLException sql && CONTENTION_STATES.contains(sql.getSQLState())) {
                return false;
            }
        }
        return persistenceUnavailable || CliExceptionHandler.isInfrastructure(failure);
    }
}
