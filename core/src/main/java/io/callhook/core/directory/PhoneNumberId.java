package io.callhook.core.directory;

import java.util.Objects;
import java.util.UUID;

/** Identifies one of our phone numbers. */
public record PhoneNumberId(UUID value) {

    public PhoneNumberId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static PhoneNumberId random() {
        return new PhoneNumberId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static PhoneNumberId parse(String text) {
        return new PhoneNumberId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
