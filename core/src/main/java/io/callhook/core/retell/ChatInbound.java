package io.callhook.core.retell;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code chat_inbound}: an inbound SMS arrived on one of our numbers. callhook answers it with an empty decision.
 *
 * @param chatId         {@code chat_id}, or {@code null}
 * @param agentId        the number's inbound SMS agent, or {@code null}
 * @param agentVersion   its version, or {@code null}
 * @param fromNumber     sender as sent
 * @param toNumber       our number as sent
 * @param eventTimestamp envelope {@code event_timestamp}, or {@code null}
 */
public record ChatInbound(
        String chatId,
        String agentId,
        Integer agentVersion,
        String fromNumber,
        String toNumber,
        Instant eventTimestamp) implements RetellEvent {

    /** Wire name of this event. */
    public static final String NAME = "chat_inbound";

    public ChatInbound {
        Objects.requireNonNull(fromNumber, "fromNumber");
        Objects.requireNonNull(toNumber, "toNumber");
    }

    @Override
    public String name() {
        return NAME;
    }
}
