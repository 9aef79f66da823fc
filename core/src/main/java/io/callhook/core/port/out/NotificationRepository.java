package io.callhook.core.port.out;

import io.callhook.core.directory.OrganizationId;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Inbound-call notifications. */
public interface NotificationRepository {

    /**
     * Stores the notification unless its user already has one for the same call.
     *
     * @return whether it was stored
     */
    boolean addIfAbsent(Notification notification);

    /**
     * Marks the organisation's notification read at {@code readAt} unless it already is (the first reading time is
     * kept).
     *
     * @return the notification as it was before (so {@code readAt == null} tells that this call marked it), or empty
     *         when the organisation has no notification with this id
     */
    Optional<Notification> markRead(OrganizationId organizationId, NotificationId id, Instant readAt);

    /** The organisation's notifications: unread first, then newest first. */
    List<Notification> findForOrganization(OrganizationId organizationId, int offset, int limit);
}
