package io.callhook.core.service;

import io.callhook.core.call.CallId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.out.Stores;
import java.time.Instant;

/** Gives every user of an organisation one notification per inbound call; repeated calls add nothing. */
final class InboundNotifier {

    private InboundNotifier() {
    }

    static void notifyUsers(Stores stores, OrganizationId organization, CallId callId, String from, String to,
                            Instant now, ChangeRecorder changes) {
        for (User user : stores.directory().users(organization)) {
            Notification notification = new Notification(NotificationId.random(), organization, user.id(), callId, from,
                    to, now, null);
            if (stores.notifications().addIfAbsent(notification)) {
                changes.record(organization, "notification", notification.id().toString(), "created", null,
                        "user " + user.id() + ": " + notification.message());
            }
        }
    }
}
