package io.callhook.db.live;

/**
 * Where a reader of the {@link ActivityFeed} stands.
 *
 * @param seq          every entry up to this {@code seq} has been read (or is known never to commit)
 * @param gapWatermark when the entry after {@code seq} was found missing while later ones were visible: the snapshot's
 *                     {@code xmax} at that moment (every transaction that could hold the missing number had an id
 *                     below it); {@link #NO_GAP} otherwise
 */
public record FeedPosition(long seq, long gapWatermark) {

    public static final long NO_GAP = -1;

    public FeedPosition {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
    }

    /** Right after {@code seq}, with no gap seen yet (a resumed stream starts here). */
    public static FeedPosition after(long seq) {
        return new FeedPosition(seq, NO_GAP);
    }
}
