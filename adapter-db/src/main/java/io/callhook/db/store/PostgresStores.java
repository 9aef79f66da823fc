package io.callhook.db.store;

import io.callhook.core.call.Call;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.port.out.ActivityLog;
import io.callhook.core.port.out.CallRepository;
import io.callhook.core.port.out.CampaignRepository;
import io.callhook.core.port.out.ContactRepository;
import io.callhook.core.port.out.DirectoryRepository;
import io.callhook.core.port.out.InboxRepository;
import io.callhook.core.port.out.NotificationRepository;
import io.callhook.core.port.out.Stores;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The PostgreSQL repositories of one unit of work, all on the same {@link Handle} and therefore in its transaction.
 * Valid only while that transaction is open; {@link PostgresUnitOfWork} is the usual way to get one.
 *
 * <p>Made with {@link #writeBehind}, the repositories keep what the unit of work locked and read (calls, campaigns) and
 * hold back the writes that nothing reads before commit or that commute (inbox outcomes, activity, campaign counters,
 * calls), so that a batch of events costs a few statements per batch instead of several per event; {@link #flush()}
 * writes them, and must run before the transaction commits. Every read of this unit of work sees what it wrote: a
 * repository answers from what it holds, or writes what it holds back before it queries its table. A rolled-back
 * transaction takes the held-back writes with it, since they live only in this object.
 */
public final class PostgresStores implements Stores {

    private final InboxRepository inbox;
    private final CallRepository calls;
    private final CampaignRepository campaigns;
    private final ContactRepository contacts;
    private final DirectoryRepository directory;
    private final NotificationRepository notifications;
    private final ActivityLog activity;

    private final PostgresInboxRepository inboxWrites;
    private final PostgresCallRepository callWrites;
    private final PostgresCampaignRepository campaignWrites;
    private final PostgresContactRepository contactWrites;
    private final PostgresActivityLog activityWrites;

    /** Repositories that write at once: every call is its statement (tests of single statements, bare handles). */
    public PostgresStores(Handle handle) {
        this(handle, false);
    }

    private PostgresStores(Handle handle, boolean writeBehind) {
        Objects.requireNonNull(handle, "handle");
        this.inboxWrites = new PostgresInboxRepository(handle, writeBehind);
        this.callWrites = new PostgresCallRepository(handle, writeBehind, this::lockWhatCallsAdvance);
        this.campaignWrites = new PostgresCampaignRepository(handle, writeBehind);
        this.contactWrites = new PostgresContactRepository(handle, writeBehind, campaignWrites::holds);
        this.activityWrites = new PostgresActivityLog(handle, writeBehind);
        this.inbox = inboxWrites;
        this.calls = callWrites;
        this.campaigns = campaignWrites;
        this.contacts = contactWrites;
        this.directory = new PostgresDirectoryRepository(handle);
        this.notifications = new PostgresNotificationRepository(handle);
        this.activity = activityWrites;
    }

    /** Repositories that hold writes back until {@link #flush()} (see the class comment). */
    public static PostgresStores writeBehind(Handle handle) {
        return new PostgresStores(handle, true);
    }

    /**
     * After a batch's calls were locked together: locks the contacts and campaigns their events may advance, each kind
     * with one statement in id order, after the calls and contacts before campaigns — the order the events would lock
     * them one by one (call → contact → campaign), so no new lock order appears; the events then find them held.
     * Only a campaign whose contact exists, as an event would.
     */
    private void lockWhatCallsAdvance(Collection<Call> calls) {
        List<Call> linked = calls.stream().filter(c -> c.links().isCampaignCall()).toList();
        if (linked.isEmpty()) {
            return;
        }
        Set<ContactId> found = contactWrites.lockAll(linked.stream().map(c -> c.links().contactId()).toList());
        campaignWrites.lockAll(linked.stream().filter(c -> found.contains(c.links().contactId()))
                .map(c -> c.links().campaignId()).toList());
    }

    /**
     * Writes everything held back, a few statements in all however many events were applied: calls, contacts and
     * their attempts, then campaign counters (rows this unit of work normally holds locked already, written in lock
     * order call → contact → campaign), then inbox outcomes and activity. Nothing to do for repositories that write
     * at once.
     */
    public void flush() {
        callWrites.flush();
        contactWrites.flush();
        campaignWrites.flush();
        inboxWrites.flush();
        activityWrites.flush();
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
