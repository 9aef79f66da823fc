package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.notification.Notification;

/** An inbound-call notification for one user; {@code read} is false until the user read it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationView(
        String id,
        String organizationId,
        String userId,
        String callId,
        String fromNumber,
        String toNumber,
        String message,
        boolean read,
        String createdAt,
        String readAt) {

    public static NotificationView of(Notification notification) {
        return new NotificationView(
                notification.id().toString(),
                notification.organizationId().toString(),
                notification.userId().toString(),
                notification.callId().value(),
                notification.fromNumber(),
                notification.toNumber(),
                notification.message(),
                notification.readAt() != null,
                Wire.time(notification.createdAt()),
                Wire.time(notification.readAt()));
    }
}
