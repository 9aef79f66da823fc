package io.callhook.core.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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

    /**
     * Claims several deliveries' keys at once, in key order (the global lock order), as {@link #claim} would one entry
     * after the other; entries may share a key, each counting one delivery.
     *
     * @return the keys this call recorded first: for each, its first entry here is the first delivery with that key
     */
    default Set<String> claimAll(List<InboxEntry> entries) {
        Set<String> created = new HashSet<>();
        entries.stream().sorted(Comparator.comparing(InboxEntry::dedupeKey)).forEach(entry -> {
            if (claim(entry)) {
                created.add(entry.dedupeKey());
            }
        });
        return created;
    }

    /**
     * Accepts a delivery for later application: records it as {@link InboxStatus#PENDING} (with the inbound decision
     * it was answered with, if any) unless its dedupe key is already there, in which case one more delivery attempt is
     * counted. One atomic write; the entry must be storable whatever its content.
     *
     * @return whether it was the first delivery, and the decision recorded with the entry (the first delivery's)
     */
    Acceptance accept(InboxEntry entry, InboundDecision decision);

    /** Sets the outcome of a claimed entry (and releases any applier's claim on it). */
    void complete(String dedupeKey, InboxStatus status, String detail);

    /** The entry with this key, if any. */
    Optional<InboxEntry> find(String dedupeKey);

    /** Like {@link #find}, and no applier can work on the entry until this unit of work ends. */
    Optional<InboxEntry> lock(String dedupeKey);

    /**
     * Claims up to {@code limit} entries that are due ({@link InboxStatus#PENDING}, or {@link InboxStatus#FAILED} whose
     * next attempt is due), oldest first, for the applier holding {@code token}, skipping entries another applier is
     * claiming right now. An entry claimed longer ago than {@code reclaimAfter} is claimed again (its applier died).
     * Run it in a unit of work of its own, so that the claim is visible to other appliers at once.
     */
    List<PendingEntry> claimDue(UUID token, int limit, Duration reclaimAfter);

    /**
     * Locks those of {@code dedupeKeys} that are still claimed with {@code token} and still due, in key order (the
     * global lock order), until the unit of work ends; an entry whose claim was taken over, or that was completed
     * meanwhile, is left out and must not be applied.
     *
     * @return the keys still held, sorted
     */
    List<String> hold(UUID token, List<String> dedupeKeys);

    /**
     * Records that applying a claimed entry failed: {@link InboxStatus#FAILED} with the next attempt due at
     * {@code nextAttemptAt}, or {@link InboxStatus#DEAD} when {@code dead}. Nothing happens when the claim was taken
     * over meanwhile.
     *
     * @param reason why, without any personal data
     */
    void fail(String dedupeKey, UUID token, String reason, Instant nextAttemptAt, boolean dead);

    /**
     * Gives back the claims of batches that could not finish because the store was unreachable: their entries still
     * due are claimable again at once, instead of after the reclaim bound. Entries completed meanwhile, or claimed again
     * by another applier, are left alone.
     *
     * @return the entries given back
     */
    int release(List<UUID> tokens);

    /** How much is waiting to be applied. */
    Backlog backlog();

    /** Entries with the given status, oldest first. */
    List<InboxEntry> findByStatus(InboxStatus status, int limit);

    /** What became of a delivery. */
    enum InboxStatus {
        /** Claimed, outcome not yet set (only visible inside the claiming unit of work). */
        RECEIVED,
        /** Accepted and acknowledged, not applied yet. */
        PENDING,
        APPLIED,
        IGNORED,
        REJECTED,
        /** Applying failed for a reason other than the input; retried after a back-off. */
        FAILED,
        /** Applying failed on every attempt; kept for {@code callhook replay --from-inbox --status dead}. */
        DEAD;

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

    /**
     * The outcome of {@link #accept}.
     *
     * @param first    whether this was the first delivery with its key
     * @param decision the inbound decision recorded with the entry, or {@code null}
     */
    record Acceptance(boolean first, InboundDecision decision) {
    }

    /**
     * An entry claimed for application.
     *
     * @param dedupeKey     its key
     * @param body          raw bytes as received
     * @param receivedAt    when the first delivery arrived
     * @param applyAttempts how many attempts to apply it failed so far
     * @param decision      the recorded inbound decision, or {@code null}
     */
    record PendingEntry(String dedupeKey, byte[] body, Instant receivedAt, int applyAttempts,
                        InboundDecision decision) {
        public PendingEntry {
            Objects.requireNonNull(dedupeKey, "dedupeKey");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /**
     * What is waiting to be applied.
     *
     * @param pending       accepted, not applied yet
     * @param failed        failed, waiting for another attempt
     * @param dead          given up on
     * @param oldestPending when the oldest pending (or failed) entry was received, or {@code null} when none is
     */
    record Backlog(long pending, long failed, long dead, Instant oldestPending) {

        public static final Backlog EMPTY = new Backlog(0, 0, 0, null);
    }
}
