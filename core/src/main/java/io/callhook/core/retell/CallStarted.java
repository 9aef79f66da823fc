package io.callhook.core.retell;


import java.time.Instant;
import java.util.Objects;

/** {@code call_started}: the call connected. Never sent for calls that did not connect; carries a subset of the fields. */
public record CallStarted(CallSnapshot call, Instant eventTimestamp) implements CallEvent {

    /** Wire name of this event. */
    public static final String NAME = "call_started";

    public CallStarted {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
