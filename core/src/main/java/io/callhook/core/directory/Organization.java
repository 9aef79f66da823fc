package io.callhook.core.directory;

import java.time.Instant;
import java.util.Objects;

/** A callhook customer. Organisations are isolated: no event of one touches another's records. */
public record Organization(OrganizationId id, String name, Instant createdAt) {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
