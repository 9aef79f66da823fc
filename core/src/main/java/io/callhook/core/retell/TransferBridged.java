package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/** {@code transfer_bridged} (opt-in): the transfer connected. */
public record TransferBridged(CallSnapshot call, JsonNode transferDestination, JsonNode transferOption, Instant eventTimestamp) implements TransferEvent {

    /** Wire name of this event. */
    public static final String NAME = "transfer_bridged";

    public TransferBridged {
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String name() {
        return NAME;
    }
}
