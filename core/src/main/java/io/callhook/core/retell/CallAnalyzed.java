package io.callhook.core.retell;


import java.time.Instant;
import java.util.Objects;

/** {@code call_analyzed}: post-call analysis is done; the most complete call object, also sent for calls that never connected. */
public record CallAnalyzed(CallSnapshot call, Instant eventTimestamp) implements CallEvent {

    /** Wire name of this event. */
    public static final String NAME = "call_analyzed";

    public CallAnalyzed {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
