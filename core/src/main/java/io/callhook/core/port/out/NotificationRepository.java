package io.callhook.core.port.out;

import io.callhook.core.directory.OrganizationId;
import io.callhook.core.notification.Notification;
import java.util.List;

/** Inbound-call notifications. */
public interface NotificationRepository {

    /**
     * Stores the notification unless its user already has one for the same call.
     *
     * @return whether it was stored
     */
    boolean addIfAbsent(Notification notification);

    /** The organisation's notifications: unread first, then newest first. */
    List<Notification> findForOrganization(OrganizationId organizationId, int offset, int limit);
}
