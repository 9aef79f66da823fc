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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
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

    private final Handle handle;

    PostgresContactRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<Contact> createAll(List<Contact> contacts) {
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
        return handle.createQuery("SELECT * FROM campaign_contacts WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresContactRepository::map)
                .findOne();
    }

    @Override
    public Optional<Contact> lock(ContactId id) {
        // NO KEY UPDATE: see PostgresCampaignRepository.lock; attempts inserted for this contact need KEY SHARE on it
        return handle.createQuery("SELECT * FROM campaign_contacts WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id.value())
                .map(PostgresContactRepository::map)
                .findOne();
    }

    @Override
    public Optional<Contact> findByNumber(CampaignId campaignId, PhoneNumberE164 number) {
        return handle.createQuery("""
                        SELECT * FROM campaign_contacts WHERE campaign_id = :campaign_id AND phone_number = :phone_number
                        """)
                .bind("campaign_id", campaignId.value())
                .bind("phone_number", number.value())
                .map(PostgresContactRepository::map)
                .findOne();
    }

    @Override
    public void update(Contact contact) {
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
        return handle.createQuery("""
                        SELECT * FROM campaign_contact_attempts WHERE contact_id = :contact_id ORDER BY attempt_number
                        """)
                .bind("contact_id", id.value())
                .map(PostgresContactRepository::mapAttempt)
                .list();
    }

    @Override
    public void saveAttempt(ContactAttempt attempt) {
        handle.createUpdate(SAVE_ATTEMPT)
                .bind("contact_id", attempt.contactId().value())
                .bind("attempt_number", attempt.number())
                .bind("call_id", StorableValues.text(attempt.callId().value()))
                .bind("outcome", name(attempt.outcome()))
                .bind("finished_at", timestamp(attempt.finishedAt()))
                .execute();
    }

    @Override
    public Optional<ContactAttempt> attemptForCall(ContactId id, CallId callId) {
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
                .list();
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
