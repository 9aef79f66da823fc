package io.callhook.core.retell;


import java.time.Instant;
import java.util.Objects;

/** {@code transcript_updated} (opt-in): a snapshot of the transcript so far; never overrides a final transcript. */
public record TranscriptUpdated(CallSnapshot call, Instant eventTimestamp) implements CallEvent {

    /** Wire name of this event. */
    public static final String NAME = "transcript_updated";

    public TranscriptUpdated {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
