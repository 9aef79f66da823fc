package io.callhook.core.port.out;

/** The repositories of one unit of work; valid only inside {@link UnitOfWork#inTransaction}. */
public interface Stores {

    InboxRepository inbox();

    CallRepository calls();

    CampaignRepository campaigns();

    ContactRepository contacts();

    DirectoryRepository directory();

    NotificationRepository notifications();

    ActivityLog activity();
}
