package io.callhook.core.directory;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organisation (a callhook customer); every other record belongs to exactly one. */
public record OrganizationId(UUID value) {

    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static OrganizationId parse(String text) {
        return new OrganizationId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
