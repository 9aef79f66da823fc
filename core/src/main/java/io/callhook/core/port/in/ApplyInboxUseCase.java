package io.callhook.core.port.in;

import io.callhook.core.port.out.InboxRepository.Backlog;
import java.time.Duration;
import java.util.List;

/**
 * Applies accepted deliveries behind the acknowledgement: appliers (threads in any number of processes) call
 * {@link #applyDue} in a loop. Each call claims a batch of due inbox entries, oldest first, and applies it in one unit of
 * work that also records every entry's outcome; a batch that fails is split until the failing entry is found, which is
 * marked failed (retried after a back-off) or, after the last attempt, dead. The others are applied.
 */
public interface ApplyInboxUseCase {

    /**
     * Claims and applies up to {@code batchSize} due entries.
     *
     * @return what was done; {@link ApplyReport#claimed()} is 0 when nothing was due
     * @throws io.callhook.core.port.out.PersistenceUnavailableException when the store cannot be reached; entries
     *                                                                    claimed so far are claimed again later
     */
    ApplyReport applyDue(int batchSize);

    /** What is waiting to be applied. */
    Backlog backlog();

    /**
     * What one {@link #applyDue} call did.
     *
     * @param claimed entries claimed
     * @param lags    for each entry applied (or ignored, or rejected): the time from its acceptance to its application
     * @param failed  entries that failed and will be retried
     * @param dead    entries that failed for the last time
     * @param notificationsCreated notifications the applied entries created (inbound calls notify users)
     */
    record ApplyReport(int claimed, List<Duration> lags, int failed, int dead, int notificationsCreated) {

        public static final ApplyReport NOTHING_DUE = new ApplyReport(0, List.of(), 0, 0, 0);

        public ApplyReport {
            lags = List.copyOf(lags);
        }

        /** Entries whose outcome was recorded. */
        public int applied() {
            return lags.size();
        }
    }
}
