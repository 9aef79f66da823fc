package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A chat event ({@code chat_started}, {@code chat_ended}, {@code chat_analyzed}, or {@code transcript_updated} under
 * the {@code chat} key). callhook records but does not act on chats, so one record serves all of them.
 *
 * @param name           the {@code event} value as sent
 * @param chatId         {@code chat_id}, never {@code null}
 * @param agentId        {@code agent_id}, or {@code null}
 * @param chatStatus     {@code chat_status} as sent, or {@code null}
 * @param raw            the whole chat object
 * @param eventTimestamp envelope {@code event_timestamp}, or {@code null}
 */
public record ChatEvent(String name, String chatId, String agentId, String chatStatus, JsonNode raw, Instant eventTimestamp)
        implements RetellEvent {

    public ChatEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chatId, "chatId");
    }
}
