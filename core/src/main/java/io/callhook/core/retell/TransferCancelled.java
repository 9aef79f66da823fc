package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/** {@code transfer_cancelled} (opt-in): the transfer was cancelled or failed to connect. */
public record TransferCancelled(CallSnapshot call, JsonNode transferDestination, JsonNode transferOption, Instant eventTimestamp) implements TransferEvent {

    /** Wire name of this event. */
    public static final String NAME = "transfer_cancelled";

    public TransferCancelled {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
