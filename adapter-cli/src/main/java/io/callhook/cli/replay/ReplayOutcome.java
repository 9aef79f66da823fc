package io.callhook.cli.replay;

import io.callhook.core.port.in.IngestOutcome;
import java.util.Locale;

/** The columns of the replay summary: what became of one replayed event. */
public enum ReplayOutcome {
    /** New, and changed state. */
    APPLIED,
    /** Recorded before; nothing changed. */
    DUPLICATE,
    /** Recorded, but callhook does not act on it. */
    IGNORED,
    /** Refused: malformed, invalid signature under {@code --verify}, not acceptable. */
    REJECTED,
    /** Could not be processed: unreadable input, an error while applying it. */
    FAILED;

    /** Whether this outcome makes the run exit with 1. */
    public boolean isError() {
        return this == REJECTED || this == FAILED;
    }

    /** Lower-case column name, as in the text and JSON summary. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The one place that maps the use case's outcomes to summary columns. */
    public static ReplayOutcome of(IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Applied || outcome instanceof IngestOutcome.Accepted) {
            return APPLIED; // accepted: stored and applied behind the answer (a replay into the database never is)
        }
        if (outcome instanceof IngestOutcome.Duplicate) {
            return DUPLICATE;
        }
        if (outcome instanceof IngestOutcome.Ignored) {
            return IGNORED;
        }
        if (outcome instanceof IngestOutcome.Rejected) {
            return REJECTED;
        }
        throw new IllegalArgumentException("unhandled outcome " + outcome);
    }
}
