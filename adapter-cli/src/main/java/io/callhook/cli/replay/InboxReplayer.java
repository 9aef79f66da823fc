package io.callhook.cli.replay;

import io.callhook.cli.CliExceptionHandler;
import io.callhook.cli.input.Origin;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.UnitOfWork;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code replay --from-inbox}: processes stored deliveries again with {@link IngestWebhookUseCase#reprocess}, which
 * parses the stored raw bytes anew and applies the event even though its dedupe key is already claimed (by this very
 * entry), instead of answering "duplicate" as a new delivery of the same bytes would.
 *
 * <p>The entries are listed once, oldest first, before any is processed, so an entry that stays rejected is not met
 * again. Each is reported under the origin {@code inbox:<dedupe key>}.
 */
public final class InboxReplayer {

    private final UnitOfWork store;
    private final IngestWebhookUseCase ingestion;
    private final ReplaySummary summary;
    private final Progress progress;

    /**
     * @param store     where the entries are listed (read only)
     * @param ingestion processes them (over a rolling-back unit of work for a dry run)
     */
    public InboxReplayer(UnitOfWork store, IngestWebhookUseCase ingestion, ReplaySummary summary, Progress progress) {
        this.store = Objects.requireNonNull(store, "store");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Re-processes up to {@code limit} entries with {@code status}.
     *
     * @return empty when all were processed, or why the run stopped (database gone)
     */
    public Optional<TargetUnavailableException> run(InboxStatus status, int limit) {
        // only key and event name are kept: the bodies are read again, one at a time, by reprocess
        List<Listed> entries = store.inTransaction(s -> s.inbox().findByStatus(status, limit)).stream()
                .map(e -> new Listed(e.dedupeKey(), e.eventName())).toList();
        progress.expect(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String key = entries.get(i).key();
            Origin origin = Origin.ofFile("inbox:" + key);
            EventResult result;
            try {
                result = DatabaseTarget.result(ingestion.reprocess(key), null);
            } catch (RuntimeException e) {
                if (DatabaseTarget.isUnreachable(e)) {
                    TargetUnavailableException stop = new TargetUnavailableException("could not reach the database: "
                            + CliExceptionHandler.describe(e).replaceFirst("^could not reach the database: ", ""),
                            List.of(), e);
                    for (Listed notDone : entries.subList(i, entries.size())) {
                        summary.error(Origin.ofFile("inbox:" + notDone.key()), notDone.eventName(),
                                ReplayOutcome.FAILED, "not replayed: " + stop.getMessage());
                    }
                    return Optional.of(stop);
                }
                result = EventResult.failed(entries.get(i).eventName(),
                        "could not be processed: " + CliExceptionHandler.describe(e));
            }
            if (result.outcome().isError()) {
                summary.error(origin, result.eventType(), result.outcome(), result.message());
            } else {
                summary.record(result.eventType(), result.outcome());
            }
            progress.step();
        }
        return Optional.empty();
    }

    private record Listed(String key, String eventName) {
    }
}
