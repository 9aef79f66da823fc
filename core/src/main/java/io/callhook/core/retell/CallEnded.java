package io.callhook.core.retell;


import java.time.Instant;
import java.util.Objects;

/** {@code call_ended}: the call finished, was handed off by a transfer, or failed. Full call object except the analysis. */
public record CallEnded(CallSnapshot call, Instant eventTimestamp) implements CallEvent {

    /** Wire name of this event. */
    public static final String NAME = "call_ended";

    public CallEnded {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
