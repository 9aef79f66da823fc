package io.callhook.cli.replay;

import java.util.List;

/**
 * The database or the server can no longer be reached: the replay stops (exit code 3) instead of failing every
 * remaining event the same way. Carries the results of the events of the current batch that were processed before.
 */
public final class TargetUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<EventResult> completed;

    public TargetUnavailableException(String message, List<EventResult> completed, Throwable cause) {
        super(message, cause);
        this.completed = List.copyOf(completed);
    }

    /** Results of the first events of the batch, processed before the target went away. */
    public List<EventResult> completed() {
        return completed;
    }
}
