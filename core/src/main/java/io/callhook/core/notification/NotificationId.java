package io.callhook.core.notification;

import java.util.Objects;
import java.util.UUID;

/** Identifies a notification. */
public record NotificationId(UUID value) {

    public NotificationId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static NotificationId random() {
        return new NotificationId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static NotificationId parse(String text) {
        return new NotificationId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
