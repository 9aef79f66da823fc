package io.callhook.db.store;

import io.callhook.db.StorableValues;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.store.SqlValues.uuid;

import io.callhook.core.call.CallId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.UserId;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.out.NotificationRepository;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Notifications in {@code notifications}; the unique key (user_id, call_id) makes a second one for a call impossible. */
final class PostgresNotificationRepository implements NotificationRepository {

    private static final String INSERT = """
            INSERT INTO notifications (id, organization_id, user_id, call_id, from_number, to_number, created_at, read_at)
            VALUES (:id, :organization_id, :user_id, :call_id, :from_number, :to_number, :created_at, :read_at)
            ON CONFLICT (user_id, call_id) DO NOTHING
            """;

    private static final String FIND = """
            SELECT * FROM notifications
            WHERE organization_id = :organization_id
            ORDER BY (read_at IS NOT NULL), created_at DESC, seq DESC
            OFFSET :offset LIMIT :limit
            """;

    private final Handle handle;

    PostgresNotificationRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean addIfAbsent(Notification notification) {
        return handle.createUpdate(INSERT)
                .bind("id", notification.id().value())
                .bind("organization_id", notification.organizationId().value())
                .bind("user_id", notification.userId().value())
                .bind("call_id", StorableValues.text(notification.callId().value()))
                .bind("from_number", StorableValues.text(notification.fromNumber()))
                .bind("to_number", StorableValues.text(notification.toNumber()))
                .bind("created_at", timestamp(notification.createdAt()))
                .bind("read_at", timestamp(notification.readAt()))
                .execute() == 1;
    }

    @Override
    public List<Notification> findForOrganization(OrganizationId organizationId, int offset, int limit) {
        return handle.createQuery(FIND)
                .bind("organization_id", organizationId.value())
                .bind("offset", offset)
                .bind("limit", limit)
                .map((rs, ctx) -> new Notification(
                        new NotificationId(uuid(rs, "id")),
                        new OrganizationId(uuid(rs, "organization_id")),
                        new UserId(uuid(rs, "user_id")),
                        new CallId(rs.getString("call_id")),
                        rs.getString("from_number"),
                        rs.getString("to_number"),
                        instant(rs, "created_at"),
                        instant(rs, "read_at")))
                .list();
    }
}
