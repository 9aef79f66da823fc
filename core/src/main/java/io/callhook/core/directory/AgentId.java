package io.callhook.core.directory;

import java.util.Objects;
import java.util.UUID;

/** Identifies one of our agents; it maps to exactly one Retell {@code agent_id}. */
public record AgentId(UUID value) {

    public AgentId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static AgentId random() {
        return new AgentId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static AgentId parse(String text) {
        return new AgentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
