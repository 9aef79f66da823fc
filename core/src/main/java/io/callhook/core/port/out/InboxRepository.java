package io.callhook.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook inbox: every delivery's raw bytes, its dedupe key and what became of it. Claiming a key is how duplicates
 * are recognised, also when two deliveries of the same event race on different servers.
 */
public interface InboxRepository {

    /**
     * Records the delivery unless its dedupe key is already there; when it is, counts one more delivery attempt on the
     * existing entry instead. Concurrent claims of one key are serialised: exactly one of them returns {@code true}.
     *
     * @return {@code true} if this delivery is the first with its key
     */
    boolean claim(InboxEntry entry);

    /** Sets the outcome of a claimed entry. */
    void complete(String dedupeKey, InboxStatus status, String detail);

    /** The entry with this key, if any. */
    Optional<InboxEntry> find(String dedupeKey);

    /** Entries with the given status, oldest first. */
    List<InboxEntry> findByStatus(InboxStatus status, int limit);

    /** What became of a delivery. */
    enum InboxStatus {
        /** Claimed, outcome not yet set (only visible inside the claiming unit of work). */
        RECEIVED,
        APPLIED,
        IGNORED,
        REJECTED,
        /** Processing failed for a reason other than the input; kept for re-processing. */
        FAILED;

        /** Lower-case name used in APIs and storage. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One delivery.
     *
     * @param dedupeKey  what makes two deliveries the same event (see {@code DedupeKeys})
     * @param eventName  {@code event} value, or {@code unknown}
     * @param callId     Retell call or chat id, or {@code null}
     * @param body       raw bytes as received
     * @param receivedAt when the first delivery arrived
     * @param status     what became of it
     * @param detail     reason for rejected/ignored/failed entries, else {@code null}
     * @param attempts   how many times it was delivered
     */
    record InboxEntry(String dedupeKey, String eventName, String callId, byte[] body, Instant receivedAt,
                      InboxStatus status, String detail, int attempts) {
        public InboxEntry {
            Objects.requireNonNull(dedupeKey, "dedupeKey");
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(status, "status");
        }

        /** This entry with one more delivery counted. */
        public InboxEntry withAnotherAttempt() {
            return new InboxEntry(dedupeKey, eventName, callId, body, receivedAt, status, detail, attempts + 1);
        }

        /** This entry with its outcome set. */
        public InboxEntry withOutcome(InboxStatus newStatus, String newDetail) {
            return new InboxEntry(dedupeKey, eventName, callId, body, receivedAt, newStatus, newDetail, attempts);
        }
    }
}
