package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/** {@code transfer_ended} (opt-in): the transferred (human) leg ended; carries {@code transfer_end_timestamp} and the transfer-leg cost. */
public record TransferEnded(CallSnapshot call, JsonNode transferDestination, JsonNode transferOption, Instant eventTimestamp) implements TransferEvent {

    /** Wire name of this event. */
    public static final String NAME = "transfer_ended";

    public TransferEnded {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
