package io.callhook.core.memory;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.out.ActivityLog;
import io.callhook.core.port.out.CallRepository;
import io.callhook.core.port.out.CampaignRepository;
import io.callhook.core.port.out.ContactRepository;
import io.callhook.core.port.out.DirectoryRepository;
import io.callhook.core.port.out.InboundDecision;
import io.callhook.core.port.out.InboxRepository;
import io.callhook.core.port.out.NotificationRepository;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A thread-safe, in-memory implementation of every outbound port, for embedders that need no database and for tests.
 * Units of work run one at a time (a single lock, which trivially satisfies every locking promise of the ports) and
 * are rolled back through an undo log when the work throws, so they are as atomic as a database transaction.
 */
public final class InMemoryStore implements UnitOfWork {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, InboxRepository.InboxEntry> inbox = new LinkedHashMap<>();
    /** The appliers' state of inbox entries accepted for later application, by key. */
    private final Map<String, Queued> queued = new LinkedHashMap<>();
    private final Map<CallId, Call> calls = new LinkedHashMap<>();
    private final Map<CampaignId, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<ContactId, Contact> contacts = new LinkedHashMap<>();
    private final Map<List<Object>, ContactAttempt> attempts = new LinkedHashMap<>();
    private final Map<OrganizationId, Organization> organizations = new LinkedHashMap<>();
    private final Map<Object, User> users = new LinkedHashMap<>();
    private final Map<AgentId, Agent> agents = new LinkedHashMap<>();
    private final Map<PhoneNumberE164, PhoneNumber> phoneNumbers = new LinkedHashMap<>();
    private final Map<List<Object>, Notification> notifications = new LinkedHashMap<>();
    private final List<ActivityEntry> activity = new ArrayList<>();

    @Override
    public <T> T inTransaction(Function<Stores, T> work) {
        lock.lock();
        Journal journal = new Journal();
        try {
            return work.apply(new Repositories(journal));
        } catch (RuntimeException | Error e) {
            journal.rollback();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private static <T> List<T> page(Stream<T> items, int offset, int limit) {
        return items.skip(offset).limit(limit).toList();
    }

    /** The repositories of one unit of work, writing through its journal. */
    private final class Repositories implements Stores, InboxRepository, CallRepository, CampaignRepository,
            ContactRepository, DirectoryRepository, NotificationRepository, ActivityLog {

        private final Journal journal;

        Repositories(Journal journal) {
            this.journal = journal;
        }

        @Override
        public InboxRepository inbox() {
            return this;
        }

        @Override
        public CallRepository calls() {
            return this;
        }

        @Override
        public CampaignRepository campaigns() {
            return this;
        }

        @Override
        public ContactRepository contacts() {
            return this;
        }

        @Override
        public DirectoryRepository directory() {
            return this;
        }

        @Override
        public NotificationRepository notifications() {
            return this;
        }

        @Override
        public ActivityLog activity() {
            return this;
        }

        // inbox

        @Override
        public boolean claim(InboxEntry entry) {
            InboxEntry existing = inbox.get(entry.dedupeKey());
            if (existing == null) {
                journal.put(inbox, entry.dedupeKey(), entry);
                return true;
            }
            journal.put(inbox, entry.dedupeKey(), existing.withAnotherAttempt());
            return false;
        }

        @Override
        public Acceptance accept(InboxEntry entry, InboundDecision decision) {
            boolean first = claim(entry);
            if (first) {
                journal.put(queued, entry.dedupeKey(), new Queued(null, null, 0, entry.receivedAt(), decision));
            }
            Queued state = queued.get(entry.dedupeKey());
            return new Acceptance(first, state == null ? null : state.decision());
        }

        @Override
        public void complete(String dedupeKey, InboxStatus status, String detail) {
            InboxEntry e = inbox.get(dedupeKey);
            if (e != null) {
                journal.put(inbox, dedupeKey, e.withOutcome(status, detail));
            }
            Queued state = queued.get(dedupeKey);
            if (state != null) {
                journal.put(queued, dedupeKey, state.claimedBy(null, null));
            }
        }

        @Override
        public Optional<InboxEntry> find(String dedupeKey) {
            return Optional.ofNullable(inbox.get(dedupeKey));
        }

        @Override
        public Optional<InboxEntry> lock(String dedupeKey) {
            return find(dedupeKey); // units of work run one at a time
        }

        @Override
        public List<PendingEntry> claimDue(UUID token, int limit, Duration reclaimAfter) {
            Instant now = Instant.now();
            List<PendingEntry> claimed = new ArrayList<>();
            queued.entrySet().stream()
                    .filter(q -> isDue(inbox.get(q.getKey()), q.getValue(), now, reclaimAfter))
                    .sorted(Comparator.comparing((Map.Entry<String, Queued> q) -> q.getValue().nextAttemptAt()))
                    .limit(limit)
                    .toList()
                    .forEach(q -> {
                        InboxEntry entry = inbox.get(q.getKey());
                        journal.put(queued, q.getKey(), q.getValue().claimedBy(token, now));
                        claimed.add(new PendingEntry(entry.dedupeKey(), entry.body(), entry.receivedAt(),
                                q.getValue().applyAttempts(), q.getValue().decision()));
                    });
            return claimed;
        }

        private static boolean isDue(InboxEntry entry, Queued state, Instant now, Duration reclaimAfter) {
            return (entry.status() == InboxStatus.PENDING || entry.status() == InboxStatus.FAILED)
                    && !state.nextAttemptAt().isAfter(now)
                    && (state.claimedAt() == null || state.claimedAt().plus(reclaimAfter).isBefore(now));
        }

        @Override
        public int release(List<UUID> tokens) {
            List<String> released = queued.entrySet().stream()
                    .filter(q -> q.getValue().token() != null && tokens.contains(q.getValue().token()))
                    .filter(q -> {
                        InboxStatus status = inbox.get(q.getKey()).status();
                        return status == InboxStatus.PENDING || status == InboxStatus.FAILED;
                    })
                    .map(Map.Entry::getKey).toList();
            released.forEach(key -> journal.put(queued, key, queued.get(key).claimedBy(null, null)));
            return released.size();
        }

        @Override
        public List<String> hold(UUID token, List<String> dedupeKeys) {
            return dedupeKeys.stream().sorted().distinct().filter(key -> {
                Queued state = queued.get(key);
                InboxStatus status = inbox.get(key) == null ? null : inbox.get(key).status();
                return state != null && token.equals(state.token())
                        && (status == InboxStatus.PENDING || status == InboxStatus.FAILED);
            }).toList();
        }

        @Override
        public void fail(String dedupeKey, UUID token, String reason, Instant nextAttemptAt, boolean dead) {
            Queued state = queued.get(dedupeKey);
            if (state == null || !token.equals(state.token())) {
                return;
            }
            journal.put(inbox, dedupeKey, inbox.get(dedupeKey)
                    .withOutcome(dead ? InboxStatus.DEAD : InboxStatus.FAILED, reason));
            journal.put(queued, dedupeKey, new Queued(null, null, state.applyAttempts() + 1, nextAttemptAt,
                    state.decision()));
        }

        @Override
        public Backlog backlog() {
            long pending = count(InboxStatus.PENDING);
            long failed = count(InboxStatus.FAILED);
            Instant oldest = inbox.values().stream()
                    .filter(e -> e.status() == InboxStatus.PENDING || e.status() == InboxStatus.FAILED)
                    .map(InboxEntry::receivedAt).min(Comparator.naturalOrder()).orElse(null);
            return new Backlog(pending, failed, count(InboxStatus.DEAD), oldest);
        }

        private long count(InboxStatus status) {
            return inbox.values().stream().filter(e -> e.status() == status).count();
        }

        @Override
        public List<InboxEntry> findByStatus(InboxStatus status, int limit) {
            return page(inbox.values().stream().filter(e -> e.status() == status)
                    .sorted(Comparator.comparing(InboxEntry::receivedAt)), 0, limit);
        }

        // calls

        @Override
        public Optional<Call> lock(CallId id) {
            return Optional.ofNullable(calls.get(id));
        }

        @Override
        public void save(Call call) {
            journal.put(calls, call.id(), call);
        }

        @Override
        public Optional<Call> find(CallId id) {
            return Optional.ofNullable(calls.get(id));
        }

        @Override
        public List<Call> findLatest(int offset, int limit) {
            List<Call> newestFirst = new ArrayList<>(calls.values());
            java.util.Collections.reverse(newestFirst); // insertion order is creation order
            return page(newestFirst.stream().sorted(Comparator.comparing(Call::createdAt).reversed()), offset, limit);
        }

        @Override
        public List<Call> findByCampaign(CampaignId campaignId) {
            return calls.values().stream().filter(c -> campaignId.equals(c.links().campaignId())).toList();
        }

        // campaigns

        @Override
        public void create(Campaign campaign) {
            requireAbsent(campaigns, campaign.id());
            journal.put(campaigns, campaign.id(), campaign);
        }

        @Override
        public Optional<Campaign> find(CampaignId id) {
            return Optional.ofNullable(campaigns.get(id));
        }

        @Override
        public Optional<Campaign> lock(CampaignId id) {
            return find(id);
        }

        @Override
        public List<Campaign> findByAgentAndStatus(AgentId agentId, CampaignStatus status) {
            return campaigns.values().stream()
                    .filter(c -> c.agentId().equals(agentId) && c.status() == status)
                    .sorted(Comparator.comparing(Campaign::createdAt))
                    .toList();
        }

        @Override
        public List<Campaign> findByOrganization(OrganizationId organizationId, int offset, int limit) {
            return page(campaigns.values().stream().filter(c -> c.organizationId().equals(organizationId))
                    .sorted(Comparator.comparing(Campaign::createdAt).reversed()), offset, limit);
        }

        @Override
        public void addProgress(CampaignId id, CampaignProgress delta) {
            Campaign campaign = campaigns.get(id);
            if (campaign == null) {
                throw new IllegalStateException("no campaign " + id);
            }
            journal.put(campaigns, id, campaign.withProgressAdded(delta));
        }

        @Override
        public boolean changeStatus(CampaignId id, CampaignStatus from, CampaignStatus to, Instant completedAt) {
            Campaign c = campaigns.get(id);
            if (c == null || c.status() != from) {
                return false;
            }
            journal.put(campaigns, id, c.withStatus(to, completedAt));
            return true;
        }

        // contacts

        @Override
        public List<Contact> createAll(List<Contact> list) {
            List<Contact> added = new ArrayList<>();
            Set<List<Object>> numbers = new HashSet<>();
            contacts.values().forEach(c -> numbers.add(List.of(c.campaignId(), c.phoneNumber())));
            for (Contact contact : list) {
                if (numbers.add(List.of(contact.campaignId(), contact.phoneNumber()))) {
                    requireAbsent(contacts, contact.id());
                    journal.put(contacts, contact.id(), contact);
                    added.add(contact);
                }
            }
            return added;
        }

        @Override
        public Optional<Contact> find(ContactId id) {
            return Optional.ofNullable(contacts.get(id));
        }

        @Override
        public Optional<Contact> lock(ContactId id) {
            return find(id);
        }

        @Override
        public Optional<Contact> findByNumber(CampaignId campaignId, PhoneNumberE164 number) {
            return contacts.values().stream()
                    .filter(c -> c.campaignId().equals(campaignId) && c.phoneNumber().equals(number))
                    .findFirst();
        }

        @Override
        public void update(Contact contact) {
            if (!contacts.containsKey(contact.id())) {
                throw new IllegalStateException("no contact " + contact.id());
            }
            journal.put(contacts, contact.id(), contact);
        }

        @Override
        public List<ContactAttempt> attempts(ContactId id) {
            return attempts.values().stream().filter(a -> a.contactId().equals(id))
                    .sorted(Comparator.comparingInt(ContactAttempt::number)).toList();
        }

        @Override
        public void saveAttempt(ContactAttempt attempt) {
            journal.put(attempts, List.of(attempt.contactId(), attempt.callId()), attempt);
        }

        @Override
        public Optional<ContactAttempt> attemptForCall(ContactId id, CallId callId) {
            return Optional.ofNullable(attempts.get(List.of(id, callId)));
        }

        @Override
        public long countOpen(CampaignId campaignId) {
            return contacts.values().stream()
                    .filter(c -> c.campaignId().equals(campaignId) && c.status().isOpen())
                    .count();
        }

        @Override
        public List<Contact> findByCampaign(CampaignId campaignId, int offset, int limit) {
            return page(contacts.values().stream().filter(c -> c.campaignId().equals(campaignId)), offset, limit);
        }

        // directory

        @Override
        public void create(Organization organization) {
            requireAbsent(organizations, organization.id());
            journal.put(organizations, organization.id(), organization);
        }

        @Override
        public void create(User user) {
            requireAbsent(users, user.id());
            requireUnique(users.values(), u -> u.organizationId().equals(user.organizationId())
                    && u.email().equalsIgnoreCase(user.email()), "email " + user.email());
            journal.put(users, user.id(), user);
        }

        @Override
        public void create(Agent agent) {
            requireAbsent(agents, agent.id());
            requireUnique(agents.values(), a -> a.retellAgentId().equals(agent.retellAgentId()),
                    "Retell agent " + agent.retellAgentId());
            journal.put(agents, agent.id(), agent);
        }

        @Override
        public void create(PhoneNumber phoneNumber) {
            requireAbsent(phoneNumbers, phoneNumber.number());
            journal.put(phoneNumbers, phoneNumber.number(), phoneNumber);
        }

        @Override
        public Optional<Organization> organization(OrganizationId id) {
            return Optional.ofNullable(organizations.get(id));
        }

        @Override
        public List<Organization> organizations(int offset, int limit) {
            return page(organizations.values().stream().sorted(Comparator.comparing(Organization::createdAt)), offset,
                    limit);
        }

        @Override
        public Optional<Agent> agent(AgentId id) {
            return Optional.ofNullable(agents.get(id));
        }

        @Override
        public Optional<Agent> agentByRetellId(String retellAgentId) {
            return agents.values().stream().filter(a -> a.retellAgentId().equals(retellAgentId)).findFirst();
        }

        @Override
        public Optional<PhoneNumber> phoneNumber(PhoneNumberE164 number) {
            return Optional.ofNullable(phoneNumbers.get(number));
        }

        @Override
        public List<User> users(OrganizationId organizationId) {
            return users.values().stream().filter(u -> u.organizationId().equals(organizationId)).toList();
        }

        // notifications

        @Override
        public boolean addIfAbsent(Notification notification) {
            List<Object> key = List.of(notification.userId(), notification.callId());
            if (notifications.containsKey(key)) {
                return false;
            }
            journal.put(notifications, key, notification);
            return true;
        }

        @Override
        public Optional<Notification> markRead(OrganizationId organizationId, NotificationId id, Instant readAt) {
            return notifications.entrySet().stream()
                    .filter(e -> e.getValue().id().equals(id) && e.getValue().organizationId().equals(organizationId))
                    .findFirst()
                    .map(e -> {
                        Notification before = e.getValue(); // the entry is live: read it before replacing it
                        journal.put(notifications, e.getKey(), before.readAt(readAt));
                        return before;
                    });
        }

        @Override
        public List<Notification> findForOrganization(OrganizationId organizationId, int offset, int limit) {
            Comparator<Notification> unreadFirst = Comparator.comparing(n -> n.readAt() != null);
            return page(notifications.values().stream().filter(n -> n.organizationId().equals(organizationId))
                    .sorted(unreadFirst.thenComparing(Notification::createdAt, Comparator.reverseOrder())), offset, limit);
        }

        // activity

        @Override
        public void append(List<ActivityEntry> entries) {
            entries.forEach(e -> journal.append(activity, e));
        }

        @Override
        public List<ActivityEntry> find(OrganizationId organizationId, Instant since, int offset, int limit) {
            return page(activity.stream()
                    .filter(e -> organizationId == null || organizationId.equals(e.organizationId()))
                    .filter(e -> since == null || !e.occurredAt().isBefore(since)), offset, limit);
        }

        private static <K> void requireAbsent(Map<K, ?> map, K key) {
            if (map.containsKey(key)) {
                throw new IllegalStateException("duplicate key " + key);
            }
        }

        private static <V> void requireUnique(java.util.Collection<V> values, Predicate<V> clash, String what) {
            if (values.stream().anyMatch(clash)) {
                throw new IllegalStateException("duplicate " + Objects.requireNonNull(what));
            }
        }
    }

    /** An accepted entry's applier state: its claim, failed attempts, next due time and inbound decision. */
    private record Queued(UUID token, Instant claimedAt, int applyAttempts, Instant nextAttemptAt,
                          InboundDecision decision) {

        Queued claimedBy(UUID newToken, Instant at) {
            return new Queued(newToken, at, applyAttempts, nextAttemptAt, decision);
        }
    }
}
