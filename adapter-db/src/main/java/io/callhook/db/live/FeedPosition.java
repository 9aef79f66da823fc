package io.callhook.db.live;

import java.util.List;
import java.util.Set;

/**
 * Where a reader of the {@link ActivityFeed} stands.
 *
 * @param seq        every entry up to this {@code seq} has been read (or is known never to commit)
 * @param gapHolders when the entry after {@code seq} was found missing while later ones were visible: the transaction
 *                   ids then running in this database (one of them may hold the missing number); {@code null} when no
 *                   gap has been seen
 */
public record FeedPosition(long seq, Set<Long> gapHolders) {

    public FeedPosition {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
        gapHolders = gapHolders == null ? null : Set.copyOf(gapHolders);
    }

    /** Right after {@code seq}, with no gap seen yet (a resumed stream starts here). */
    public static FeedPosition after(long seq) {
        return new FeedPosition(seq, null);
    }

    static FeedPosition waitingFor(long seq, List<Long> running) {
        return new FeedPosition(seq, Set.copyOf(running));
    }
}
