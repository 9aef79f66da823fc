package io.callhook.core.directory;

import java.util.Objects;
import java.util.UUID;

/** Identifies a user of an organisation (who receives inbound-call notifications). */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static UserId parse(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
