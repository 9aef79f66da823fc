package io.callhook.cli.replay;

import io.callhook.cli.input.RecordedEvent;
import java.util.List;

/** Where replayed events go: the database through the ingestion use case, or a server over HTTP. */
public interface ReplayTarget {

    /**
     * Replays a batch in order.
     *
     * @return one result per event, in the same order
     * @throws TargetUnavailableException when the target cannot be reached; the replay stops
     */
    List<EventResult> replay(List<RecordedEvent> batch) throws TargetUnavailableException;

    /** How many events {@link #replay} takes at once to best effect. */
    int preferredBatchSize();
}
