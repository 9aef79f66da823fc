package io.callhook.core.directory;

import java.time.Instant;
import java.util.Objects;

/** A user of an organisation; each receives one notification per inbound call of that organisation. */
public record User(UserId id, OrganizationId organizationId, String email, String displayName, Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
