package io.callhook.core.notification;

import io.callhook.core.call.CallId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Tells one user of an organisation about an inbound call. There is at most one per user and call, whichever of the
 * inbound webhook and the call events arrive, in whatever order and however often.
 *
 * @param fromNumber the caller, as Retell sent it
 * @param toNumber   our number that was called
 * @param readAt     when the user read it, or {@code null}
 */
public record Notification(NotificationId id, OrganizationId organizationId, UserId userId, CallId callId,
                           String fromNumber, String toNumber, Instant createdAt, Instant readAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** This notification, read at {@code at}; one already read keeps its first reading time. */
    public Notification readAt(Instant at) {
        Objects.requireNonNull(at, "at");
        return readAt != null ? this
                : new Notification(id, organizationId, userId, callId, fromNumber, toNumber, createdAt, at);
    }

    /** A short human-readable text for the user. */
    public String message() {
        return "Inbound call from " + (fromNumber == null ? "an unknown number" : fromNumber)
                + (toNumber == null ? "" : " to " + toNumber);
    }
}
