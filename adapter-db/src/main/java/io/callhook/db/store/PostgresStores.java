package io.callhook.db.store;

import io.callhook.core.port.out.ActivityLog;
import io.callhook.core.port.out.CallRepository;
import io.callhook.core.port.out.CampaignRepository;
import io.callhook.core.port.out.ContactRepository;
import io.callhook.core.port.out.DirectoryRepository;
import io.callhook.core.port.out.InboxRepository;
import io.callhook.core.port.out.NotificationRepository;
import io.callhook.core.port.out.Stores;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The PostgreSQL repositories of one unit of work, all on the same {@link Handle} and therefore in its transaction.
 * Valid only while that transaction is open; {@link PostgresUnitOfWork} is the usual way to get one.
 */
public final class PostgresStores implements Stores {

    private final InboxRepository inbox;
    private final CallRepository calls;
    private final CampaignRepository campaigns;
    private final ContactRepository contacts;
    private final DirectoryRepository directory;
    private final NotificationRepository notifications;
    private final ActivityLog activity;

    public PostgresStores(Handle handle) {
        Objects.requireNonNull(handle, "handle");
        this.inbox = new PostgresInboxRepository(handle);
        this.calls = new PostgresCallRepository(handle);
        this.campaigns = new PostgresCampaignRepository(handle);
        this.contacts = new PostgresContactRepository(handle);
        this.directory = new PostgresDirectoryRepository(handle);
        this.notifications = new PostgresNotificationRepository(handle);
        this.activity = new PostgresActivityLog(handle);
    }

    @Override
    public InboxRepository inbox() {
        return inbox;
    }

    @Override
    public CallRepository calls() {
        return calls;
    }

    @Override
    public CampaignRepository campaigns() {
        return campaigns;
    }

    @Override
    public ContactRepository contacts() {
        return contacts;
    }

    @Override
    public DirectoryRepository directory() {
        return directory;
    }

    @Override
    public NotificationRepository notifications() {
        return notifications;
    }

    @Override
    public ActivityLog activity() {
        return activity;
    }
}
