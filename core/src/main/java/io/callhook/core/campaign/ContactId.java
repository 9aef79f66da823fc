package io.callhook.core.campaign;

import java.util.Objects;
import java.util.UUID;

/** Identifies a contact of a campaign. */
public record ContactId(UUID value) {

    public ContactId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static ContactId parse(String text) {
        return new ContactId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
