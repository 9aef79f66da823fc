package io.callhook.db.store;

import io.callhook.db.StorableValues;
import static io.callhook.db.store.SqlValues.constant;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.name;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.store.SqlValues.uuid;

import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.port.out.ContactRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Contacts in {@code campaign_contacts}, their attempts in {@code campaign_contact_attempts}. */
final class PostgresContactRepository implements ContactRepository {

    private static final String COLUMNS = """
            id, campaign_id, phone_number, name, variables, status, attempts, last_outcome, next_attempt_at,
            failure_reason, created_at""";

    /**
     * All contacts in one statement whatever their number (one array parameter per column, so no limit on bind
     * parameters), inserted in list order so that {@code seq} keeps it.
     */
    private static final String INSERT_ALL = """
            INSERT INTO campaign_contacts (%s)
            SELECT CAST(c.id AS uuid), CAST(c.campaign_id AS uuid), c.phone_number, c.name, CAST(c.variables AS jsonb),
                   c.status, c.attempts, c.last_outcome, CAST(c.next_attempt_at AS timestamptz), c.failure_reason,
                   CAST(c.created_at AS timestamptz)
            FROM unnest(CAST(:ids AS text[]), CAST(:campaign_ids AS text[]), CAST(:phone_numbers AS text[]),
                        CAST(:names AS text[]), CAST(:variables AS text[]), CAST(:statuses AS text[]),
                        CAST(:attempts AS integer[]), CAST(:last_outcomes AS text[]),
                        CAST(:next_attempts_at AS text[]), CAST(:failure_reasons AS text[]),
                        CAST(:created_ats AS text[]))
                 WITH ORDINALITY AS c(id, campaign_id, phone_number, name, variables, status, attempts, last_outcome,
                                      next_attempt_at, failure_reason, created_at, ord)
            ORDER BY c.ord
            ON CONFLICT (campaign_id, phone_number) DO NOTHING
            RETURNING id
            """.formatted(COLUMNS);

    private static final String UPDATE = """
            UPDATE campaign_contacts SET
                status = :status, attempts = :attempts, last_outcome = :last_outcome,
                next_attempt_at = :next_attempt_at, failure_reason = :failure_reason, updated_at = now()
            WHERE id = :id
            """;

    private static final String SAVE_ATTEMPT = """
            INSERT INTO campaign_contact_attempts (contact_id, attempt_number, call_id, outcome, finished_at)
            VALUES (:contact_id, :attempt_number, :call_id, :outcome, :finished_at)
            ON CONFLICT (contact_id, call_id) DO UPDATE SET
                attempt_number = EXCLUDED.attempt_number,
                outcome = EXCLUDED.outcome,
                finished_at = EXCLUDED.finished_at
            """;

    private static final String[] OPEN_STATUSES = Arrays.stream(ContactStatus.values())
            .filter(ContactStatus::isOpen)
            .map(SqlValues::name)
            .toArray(String[]::new);

    /** Rows locked in id order: the locking step runs above the sort. */
    private static final String LOCK_ALL = """
            SELECT * FROM campaign_contacts WHERE id = ANY(CAST(:ids AS uuid[])) ORDER BY id FOR NO KEY UPDATE
            """;

    private static final String UPDATE_ALL = """
            UPDATE campaign_contacts c SET
                status = u.status, attempts = u.attempts, last_outcome = u.last_outcome,
                next_attempt_at = u.next_attempt_at, failure_reason = u.failure_reason, updated_at = now()
            FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:attempts AS integer[]),
                        CAST(:last_outcomes AS text[]), CAST(:next_attempts_at AS timestamptz[]),
                        CAST(:failure_reasons AS text[]))
                 AS u(id, status, attempts, last_outcome, next_attempt_at, failure_reason)
            WHERE c.id = u.id
            RETURNING c.id
            """;

    private final Handle handle;
    private final boolean writeBehind;
    /** Contacts this unit of work locked, as it sees them now. */
    private final Map<ContactId, Contact> locked = new HashMap<>();
    /** The attempts of the locked contacts, as this unit of work sees them now (by number). */
    private final Map<ContactId, List<ContactAttempt>> lockedAttempts = new HashMap<>();
    /** Contacts updated but not written yet. */
    private final Map<ContactId, Contact> unupdated = new LinkedHashMap<>();
    /** Attempts saved but not written yet, by contact and call (the attempt's identity), in the order saved. */
    private final Map<List<Object>, ContactAttempt> unsavedAttempts = new LinkedHashMap<>();
    /** The locked contacts as they are in the table (until {@link #flush()}): what {@link #openInTable} counted. */
    private final Map<ContactId, Contact> stored = new HashMap<>();
    /** Open contacts in the table per campaign whose lock this unit of work holds, counted once (see countOpen). */
    private final Map<CampaignId, Long> openInTable = new HashMap<>();
    private final Predicate<CampaignId> campaignHeld;

    PostgresContactRepository(Handle handle) {
        this(handle, false, campaign -> false);
    }

    /**
     * @param writeBehind  keep locked contacts and their attempts, and hold updates and attempts back until
     *                     {@link #flush()} (see {@link PostgresStores#writeBehind})
     * @param campaignHeld whether this unit of work holds a campaign's lock
     */
    PostgresContactRepository(Handle handle, boolean writeBehind, Predicate<CampaignId> campaignHeld) {
        this.handle = handle;
        this.writeBehind = writeBehind;
        this.campaignHeld = campaignHeld;
    }

    /**
     * Write-behind: locks the contacts that are not locked yet with one statement, in id order, and reads their attempts
     * with a second; their {@code lock}, {@code find} and {@code attempts} then need no statement. Returns the ids
     * found (a contact may have been deleted since a call was linked to it).
     */
    Set<ContactId> lockAll(Collection<ContactId> ids) {
        List<UUID> fresh = ids.stream().filter(id -> !locked.containsKey(id)).map(ContactId::value).distinct().toList();
        if (writeBehind && !fresh.isEmpty()) {
            String[] values = fresh.stream().map(UUID::toString).toArray(String[]::new);
            handle.createQuery(LOCK_ALL)
                    .bind("ids", values)
                    .map(PostgresContactRepository::map)
                    .forEach(contact -> {
                        stored.put(contact.id(), contact);
                        locked.put(contact.id(), unupdated.getOrDefault(contact.id(), contact));
                        lockedAttempts.put(contact.id(), new ArrayList<>());
                    });
            handle.createQuery("""
                            SELECT * FROM campaign_contact_attempts WHERE contact_id = ANY(CAST(:ids AS uuid[]))
                            ORDER BY contact_id, attempt_number
                            """)
                    .bind("ids", values)
                    .map(PostgresContactRepository::mapAttempt)
                    .forEach(attempt -> {
                        List<ContactAttempt> attempts = lockedAttempts.get(attempt.contactId());
                        if (attempts != null) {
                            attempts.add(attempt);
                        }
                    });
            lockedAttempts.replaceAll((id, attempts) -> withUnsaved(id, attempts));
        }
        return ids.stream().filter(locked::containsKey).collect(Collectors.toSet());
    }

    /**
     * Writes what was held back: the contacts' new state with one statement (in id order; their rows are locked by this
     * unit of work), then the attempts as one JDBC batch in the order they were saved.
     */
    void flush() {
        openInTable.clear();
        stored.clear();
        if (!unupdated.isEmpty()) {
            List<Contact> contacts = unupdated.values().stream()
                    .sorted(Comparator.comparing(c -> c.id().toString())).toList();
            unupdated.clear();
            int n = contacts.size();
            String[] ids = new String[n];
            String[] statuses = new String[n];
            Integer[] attempts = new Integer[n];
            String[] lastOutcomes = new String[n];
            String[] nextAttemptsAt = new String[n];
            String[] failureReasons = new String[n];
            for (int i = 0; i < n; i++) {
                Contact c = contacts.get(i);
                ids[i] = c.id().value().toString();
                statuses[i] = name(c.status());
                attempts[i] = c.attempts();
                lastOutcomes[i] = name(c.lastOutcome());
                nextAttemptsAt[i] = text(c.nextAttemptAt());
                failureReasons[i] = StorableValues.text(c.failureReason());
            }
            Set<UUID> changed = new HashSet<>(handle.createQuery(UPDATE_ALL)
                    .bind("ids", ids)
                    .bind("statuses", statuses)
                    .bind("attempts", attempts)
                    .bind("last_outcomes", lastOutcomes)
                    .bind("next_attempts_at", nextAttemptsAt)
                    .bind("failure_reasons", failureReasons)
                    .mapTo(UUID.class)
                    .list());
            for (Contact contact : contacts) {
                if (!changed.contains(contact.id().value())) {
                    throw new IllegalStateException("no contact " + contact.id() + " to update");
                }
            }
        }
        if (!unsavedAttempts.isEmpty()) {
            List<ContactAttempt> attempts = List.copyOf(unsavedAttempts.values());
            unsavedAttempts.clear();
            PreparedBatch batch = handle.prepareBatch(SAVE_ATTEMPT);
            attempts.forEach(attempt -> bindAttempt(batch, attempt).add());
            batch.execute();
        }
    }

    /** The contact as this unit of work sees it: with an update it did not write yet. */
    private Contact current(Contact stored) {
        Contact held = locked.get(stored.id());
        return held != null ? held : unupdated.getOrDefault(stored.id(), stored);
    }

    /** {@code stored} attempts of a contact with the ones this unit of work saved but did not write, by number. */
    private List<ContactAttempt> withUnsaved(ContactId id, List<ContactAttempt> stored) {
        List<ContactAttempt> attempts = new ArrayList<>(stored);
        for (ContactAttempt unsaved : unsavedAttempts.values()) {
            if (unsaved.contactId().equals(id)) {
                attempts.removeIf(a -> a.callId().equals(unsaved.callId()));
                attempts.add(unsaved);
            }
        }
        attempts.sort(Comparator.comparingInt(ContactAttempt::number));
        return attempts;
    }

    @Override
    public List<Contact> createAll(List<Contact> contacts) {
        openInTable.clear(); // new contacts are open
        List<Contact> candidates = new ArrayList<>();
        Set<List<Object>> numbers = new HashSet<>();
        for (Contact contact : contacts) {
            if (numbers.add(List.of(contact.campaignId(), contact.phoneNumber()))) {
                candidates.add(contact); // the first of a number repeated in the list wins
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        int n = candidates.size();
        String[] ids = new String[n];
        String[] campaignIds = new String[n];
        String[] phoneNumbers = new String[n];
        String[] names = new String[n];
        String[] variables = new String[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        String[] lastOutcomes = new String[n];
        String[] nextAttemptsAt = new String[n];
        String[] failureReasons = new String[n];
        String[] createdAts = new String[n];
        for (int i = 0; i < n; i++) {
            Contact c = candidates.get(i);
            ids[i] = c.id().toString();
            campaignIds[i] = c.campaignId().toString();
            phoneNumbers[i] = c.phoneNumber().value();
            names[i] = c.name();
            variables[i] = JsonColumns.writeStrings(c.variables());
            statuses[i] = name(c.status());
            attempts[i] = c.attempts();
            lastOutcomes[i] = name(c.lastOutcome());
            nextAttemptsAt[i] = text(c.nextAttemptAt());
            failureReasons[i] = c.failureReason();
            createdAts[i] = text(c.createdAt());
        }
        Set<UUID> inserted = new HashSet<>(handle.createQuery(INSERT_ALL)
                .bind("ids", ids)
                .bind("campaign_ids", campaignIds)
                .bind("phone_numbers", phoneNumbers)
                .bind("names", names)
                .bind("variables", variables)
                .bind("statuses", statuses)
                .bind("attempts", attempts)
                .bind("last_outcomes", lastOutcomes)
                .bind("next_attempts_at", nextAttemptsAt)
                .bind("failure_reasons", failureReasons)
                .bind("created_ats", createdAts)
                .mapTo(UUID.class)
                .list());
        return candidates.stream().filter(c -> inserted.contains(c.id().value())).toList();
    }

    @Override
    public Optional<Contact> find(ContactId id) {
        Contact held = locked.get(id);
        if (held != null) {
            return Optional.of(held);
        }
        return handle.createQuery("SELECT * FROM campaign_contacts WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresContactRepository::map)
                .findOne()
                .map(this::current);
    }

    @Override
    public Optional<Contact> lock(ContactId id) {
        Contact held = locked.get(id);
        if (held != null) {
            return Optional.of(held); // locked until the end of this unit of work already
        }
        // NO KEY UPDATE: see PostgresCampaignRepository.lock; attempts inserted for this contact need KEY SHARE on it
        Optional<Contact> contact = handle.createQuery("SELECT * FROM campaign_contacts WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id.value())
                .map(PostgresContactRepository::map)
                .findOne()
                .map(this::current);
        if (writeBehind) {
            contact.ifPresent(c -> locked.put(c.id(), c));
            contact.filter(c -> !unupdated.containsKey(c.id())).ifPresent(c -> stored.put(c.id(), c));
        }
        return contact;
    }

    @Override
    public Optional<Contact> findByNumber(CampaignId campaignId, PhoneNumberE164 number) {
        return handle.createQuery("""
                        SELECT * FROM campaign_contacts WHERE campaign_id = :campaign_id AND phone_number = :phone_number
                        """)
                .bind("campaign_id", campaignId.value())
                .bind("phone_number", number.value())
                .map(PostgresContactRepository::map)
                .findOne()
                .map(this::current);
    }

    @Override
    public void update(Contact contact) {
        if (writeBehind) {
            // the row is locked by this unit of work (the contact was locked before it was derived); written at flush
            unupdated.put(contact.id(), contact);
            locked.computeIfPresent(contact.id(), (id, held) -> contact);
            return;
        }
        int changed = handle.createUpdate(UPDATE)
                .bind("id", contact.id().value())
                .bind("status", name(contact.status()))
                .bind("attempts", contact.attempts())
                .bind("last_outcome", name(contact.lastOutcome()))
                .bind("next_attempt_at", timestamp(contact.nextAttemptAt()))
                .bind("failure_reason", StorableValues.text(contact.failureReason()))
                .execute();
        if (changed == 0) {
            throw new IllegalStateException("no contact " + contact.id() + " to update");
        }
    }

    @Override
    public List<ContactAttempt> attempts(ContactId id) {
        List<ContactAttempt> held = lockedAttempts.get(id);
        if (held != null) {
            return List.copyOf(held);
        }
        List<ContactAttempt> attempts = withUnsaved(id, handle.createQuery("""
                        SELECT * FROM campaign_contact_attempts WHERE contact_id = :contact_id ORDER BY attempt_number
                        """)
                .bind("contact_id", id.value())
                .map(PostgresContactRepository::mapAttempt)
                .list());
        if (locked.containsKey(id)) {
            // attempts are written only under their contact's lock, which this unit of work holds
            lockedAttempts.put(id, new ArrayList<>(attempts));
        }
        return attempts;
    }

    @Override
    public void saveAttempt(ContactAttempt attempt) {
        if (writeBehind) {
            unsavedAttempts.remove(List.of(attempt.contactId(), attempt.callId()));
            unsavedAttempts.put(List.of(attempt.contactId(), attempt.callId()), attempt);
            lockedAttempts.computeIfPresent(attempt.contactId(), (id, held) -> withUnsaved(id, held));
            return;
        }
        bindAttempt(handle.createUpdate(SAVE_ATTEMPT), attempt).execute();
    }

    private static <S extends SqlStatement<S>> S bindAttempt(S statement, ContactAttempt attempt) {
        return statement
                .bind("contact_id", attempt.contactId().value())
                .bind("attempt_number", attempt.number())
                .bind("call_id", StorableValues.text(attempt.callId().value()))
                .bind("outcome", name(attempt.outcome()))
                .bind("finished_at", timestamp(attempt.finishedAt()));
    }

    @Override
    public Optional<ContactAttempt> attemptForCall(ContactId id, CallId callId) {
        ContactAttempt unsaved = unsavedAttempts.get(List.of(id, callId));
        if (unsaved != null) {
            return Optional.of(unsaved);
        }
        List<ContactAttempt> held = lockedAttempts.get(id);
        if (held != null) {
            return held.stream().filter(a -> a.callId().equals(callId)).findFirst();
        }
        return handle.createQuery("""
                        SELECT * FROM campaign_contact_attempts WHERE contact_id = :contact_id AND call_id = :call_id
                        """)
                .bind("contact_id", id.value())
                .bind("call_id", StorableValues.text(callId.value()))
                .map(PostgresContactRepository::mapAttempt)
                .findOne();
    }

    @Override
    public long countOpen(CampaignId campaignId) {
        List<Contact> unwritten = unupdated.values().stream().filter(c -> c.campaignId().equals(campaignId)).toList();
        long openUnwritten = unwritten.stream().filter(c -> c.status().isOpen()).count();
        if (writeBehind && campaignHeld.test(campaignId) && unwritten.stream().allMatch(c -> stored.containsKey(c.id()))) {
            // Every change to a campaign's contacts is made under the campaign's lock (an event advancing a contact,
            // adding contacts), so while this unit of work holds it the table's open count changes only by this unit
            // of work's own updates, which are not written yet: count the table once per campaign, then correct it by
            // the contacts updated since, from their state in the table to their state now.
            long inTable = openInTable.computeIfAbsent(campaignId, this::countOpenInTable);
            long openStored = unwritten.stream().filter(c -> stored.get(c.id()).status().isOpen()).count();
            return inTable - openStored + openUnwritten;
        }
        // contacts whose new state is not written yet are counted as this unit of work sees them, the others in the
        // table: still one statement, and nothing written before commit
        return openUnwritten + handle.createQuery("""
                        SELECT count(*) FROM campaign_contacts
                        WHERE campaign_id = :campaign_id AND status = ANY(CAST(:open AS text[]))
                          AND id <> ALL(CAST(:unwritten AS uuid[]))
                        """)
                .bind("campaign_id", campaignId.value())
                .bind("open", OPEN_STATUSES)
                .bind("unwritten", unwritten.stream().map(c -> c.id().value().toString()).toArray(String[]::new))
                .mapTo(Long.class)
                .one();
    }

    private long countOpenInTable(CampaignId campaignId) {
        return handle.createQuery("""
                        SELECT count(*) FROM campaign_contacts
                        WHERE campaign_id = :campaign_id AND status = ANY(CAST(:open AS text[]))
                        """)
                .bind("campaign_id", campaignId.value())
                .bind("open", OPEN_STATUSES)
                .mapTo(Long.class)
                .one();
    }

    @Override
    public List<Contact> findByCampaign(CampaignId campaignId, int offset, int limit) {
        return handle.createQuery("""
                        SELECT * FROM campaign_contacts WHERE campaign_id = :campaign_id
                        ORDER BY seq
                        OFFSET :offset LIMIT :limit
                        """)
                .bind("campaign_id", campaignId.value())
                .bind("offset", offset)
                .bind("limit", limit)
                .map(PostgresContactRepository::map)
                .list().stream().map(this::current).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Contact map(ResultSet rs, StatementContext ctx) throws SQLException {
        Map<String, String> variables = JsonColumns.strings(rs, "variables");
        return new Contact(
                new ContactId(uuid(rs, "id")),
                new CampaignId(uuid(rs, "campaign_id")),
                new PhoneNumberE164(rs.getString("phone_number")),
                rs.getString("name"),
                Objects.requireNonNullElse(variables, Map.of()),
                constant(ContactStatus.class, rs, "status"),
                rs.getInt("attempts"),
                constant(Outcome.class, rs, "last_outcome"),
                instant(rs, "next_attempt_at"),
                rs.getString("failure_reason"),
                instant(rs, "created_at"));
    }

    private static ContactAttempt mapAttempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ContactAttempt(
                new ContactId(uuid(rs, "contact_id")),
                rs.getInt("attempt_number"),
                new CallId(rs.getString("call_id")),
                constant(Outcome.class, rs, "outcome"),
                instant(rs, "finished_at"));
    }
}
