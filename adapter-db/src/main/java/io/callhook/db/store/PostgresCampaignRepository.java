package io.callhook.db.store;

import static io.callhook.db.store.SqlValues.constant;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.localTime;
import static io.callhook.db.store.SqlValues.name;
import static io.callhook.db.store.SqlValues.time;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.store.SqlValues.uuid;

import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.CallingWindow;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.out.CampaignRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Campaigns in table {@code call_campaigns}; progress counters are one {@code bigint} column per counter, changed by
 * single {@code UPDATE ... SET c = c + :delta} statements so concurrent deltas never lose one another.
 */
final class PostgresCampaignRepository implements CampaignRepository {

    private static final String INSERT = """
            INSERT INTO call_campaigns (
                id, organization_id, agent_id, name, status,
                retry_on, max_attempts, retry_delay_seconds,
                window_days, window_start, window_end, window_zone,
                processed, successful,
                outcome_connected, outcome_voicemail, outcome_no_answer, outcome_busy, outcome_declined,
                outcome_invalid_number, outcome_failed, outcome_spam_flagged, outcome_platform_error, outcome_other,
                created_at, completed_at)
            VALUES (
                :id, :organization_id, :agent_id, :name, :status,
                :retry_on, :max_attempts, :retry_delay_seconds,
                :window_days, :window_start, :window_end, :window_zone,
                :processed, :successful,
                :outcome_connected, :outcome_voicemail, :outcome_no_answer, :outcome_busy, :outcome_declined,
                :outcome_invalid_number, :outcome_failed, :outcome_spam_flagged, :outcome_platform_error, :outcome_other,
                :created_at, :completed_at)
            """;

    private static final String ADD_PROGRESS = """
            UPDATE call_campaigns SET
                processed = processed + :processed,
                successful = successful + :successful,
                outcome_connected = outcome_connected + :outcome_connected,
                outcome_voicemail = outcome_voicemail + :outcome_voicemail,
                outcome_no_answer = outcome_no_answer + :outcome_no_answer,
                outcome_busy = outcome_busy + :outcome_busy,
                outcome_declined = outcome_declined + :outcome_declined,
                outcome_invalid_number = outcome_invalid_number + :outcome_invalid_number,
                outcome_failed = outcome_failed + :outcome_failed,
                outcome_spam_flagged = outcome_spam_flagged + :outcome_spam_flagged,
                outcome_platform_error = outcome_platform_error + :outcome_platform_error,
                outcome_other = outcome_other + :outcome_other
            WHERE id = :id
            """;

    /**
     * Many campaigns' deltas in one statement: one array per counter, one element per campaign. Returns the ids it
     * changed, so that a delta for a campaign that does not exist is noticed as with {@link #ADD_PROGRESS}.
     */
    private static final String ADD_PROGRESS_ALL = """
            UPDATE call_campaigns c SET
                processed = c.processed + d.processed,
                successful = c.successful + d.successful,
                outcome_connected = c.outcome_connected + d.outcome_connected,
                outcome_voicemail = c.outcome_voicemail + d.outcome_voicemail,
                outcome_no_answer = c.outcome_no_answer + d.outcome_no_answer,
                outcome_busy = c.outcome_busy + d.outcome_busy,
                outcome_declined = c.outcome_declined + d.outcome_declined,
                outcome_invalid_number = c.outcome_invalid_number + d.outcome_invalid_number,
                outcome_failed = c.outcome_failed + d.outcome_failed,
                outcome_spam_flagged = c.outcome_spam_flagged + d.outcome_spam_flagged,
                outcome_platform_error = c.outcome_platform_error + d.outcome_platform_error,
                outcome_other = c.outcome_other + d.outcome_other
            FROM unnest(CAST(:id AS uuid[]), CAST(:processed AS bigint[]), CAST(:successful AS bigint[]),
                        CAST(:outcome_connected AS bigint[]), CAST(:outcome_voicemail AS bigint[]),
                        CAST(:outcome_no_answer AS bigint[]), CAST(:outcome_busy AS bigint[]),
                        CAST(:outcome_declined AS bigint[]), CAST(:outcome_invalid_number AS bigint[]),
                        CAST(:outcome_failed AS bigint[]), CAST(:outcome_spam_flagged AS bigint[]),
                        CAST(:outcome_platform_error AS bigint[]), CAST(:outcome_other AS bigint[]))
                 AS d(id, processed, successful, outcome_connected, outcome_voicemail, outcome_no_answer, outcome_busy,
                      outcome_declined, outcome_invalid_number, outcome_failed, outcome_spam_flagged,
                      outcome_platform_error, outcome_other)
            WHERE c.id = d.id
            RETURNING c.id
            """;

    private static final String CHANGE_STATUS = """
            UPDATE call_campaigns SET status = :to, completed_at = :completed_at
            WHERE id = :id AND status = :from
            """;

    private final Handle handle;
    private final boolean writeBehind;
    /** Campaigns this unit of work locked, as read then (their counters without {@link #unadded}). */
    private final Map<CampaignId, Campaign> locked = new HashMap<>();
    /** Counter deltas not written yet, summed per campaign (deltas commute, so only their sum matters). */
    private final Map<CampaignId, CampaignProgress> unadded = new HashMap<>();

    PostgresCampaignRepository(Handle handle) {
        this(handle, false);
    }

    /**
     * @param writeBehind keep locked campaigns and hold counter deltas back until {@link #flush()} (see
     *                    {@link PostgresStores#writeBehind})
     */
    PostgresCampaignRepository(Handle handle, boolean writeBehind) {
        this.handle = handle;
        this.writeBehind = writeBehind;
    }

    /**
     * Write-behind: locks the campaigns that are not locked yet with one statement, in id order (the locking step runs
     * above the sort); their {@code lock} and {@code find} then need no statement.
     */
    void lockAll(Collection<CampaignId> ids) {
        List<String> fresh = ids.stream().filter(id -> !locked.containsKey(id)).map(CampaignId::toString).distinct()
                .toList();
        if (!writeBehind || fresh.isEmpty()) {
            return;
        }
        handle.createQuery("""
                        SELECT * FROM call_campaigns WHERE id = ANY(CAST(:ids AS uuid[])) ORDER BY id FOR NO KEY UPDATE
                        """)
                .bind("ids", fresh.toArray(String[]::new))
                .map(PostgresCampaignRepository::map)
                .forEach(campaign -> locked.put(campaign.id(), campaign));
    }

    /** Whether this unit of work holds the campaign's lock (write-behind only; otherwise nothing is kept). */
    boolean holds(CampaignId id) {
        return locked.containsKey(id);
    }

    /** Writes the summed deltas held back, one statement for all campaigns. */
    void flush() {
        if (unadded.isEmpty()) {
            return;
        }
        // sorted like every other campaign lock (the rows are normally locked by this unit of work already)
        List<Map.Entry<CampaignId, CampaignProgress>> deltas = unadded.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(id -> id.value().toString())))
                .toList();
        unadded.clear();
        // what this unit of work keeps of a locked campaign is what the table holds once the deltas are written
        deltas.forEach(d -> locked.computeIfPresent(d.getKey(), (id, held) -> held.withProgressAdded(d.getValue())));
        int n = deltas.size();
        UUID[] ids = new UUID[n];
        Long[] processed = new Long[n];
        Long[] successful = new Long[n];
        Map<Outcome, Long[]> byOutcome = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, new Long[n]);
        }
        for (int i = 0; i < n; i++) {
            CampaignProgress delta = deltas.get(i).getValue();
            ids[i] = deltas.get(i).getKey().value();
            processed[i] = delta.processed();
            successful[i] = delta.successful();
            for (Outcome outcome : Outcome.values()) {
                byOutcome.get(outcome)[i] = delta.count(outcome);
            }
        }
        Query update = handle.createQuery(ADD_PROGRESS_ALL)
                .bind("id", ids)
                .bind("processed", processed)
                .bind("successful", successful);
        for (Outcome outcome : Outcome.values()) {
            update.bind(counterColumn(outcome), byOutcome.get(outcome));
        }
        Set<UUID> changed = new HashSet<>(update.mapTo(UUID.class).list());
        for (UUID id : ids) {
            if (!changed.contains(id)) {
                throw new IllegalStateException("no campaign " + id + " to add progress to");
            }
        }
    }

    /** The campaign as this unit of work sees it: with the deltas it added but did not write yet. */
    private Campaign current(Campaign stored) {
        CampaignProgress delta = unadded.get(stored.id());
        return delta == null ? stored : stored.withProgressAdded(delta);
    }

    @Override
    public void create(Campaign campaign) {
        RetryPolicy policy = campaign.retryPolicy();
        CallingWindow window = campaign.callingWindow();
        Update insert = handle.createUpdate(INSERT)
                .bind("id", campaign.id().value())
                .bind("organization_id", campaign.organizationId().value())
                .bind("agent_id", campaign.agentId().value())
                .bind("name", campaign.name())
                .bind("status", name(campaign.status()))
                .bind("retry_on", names(policy.retryOn()))
                .bind("max_attempts", policy.maxAttempts())
                .bind("retry_delay_seconds", seconds(policy.delay()))
                .bind("window_days", window == null ? null : names(window.days()))
                .bind("window_start", time(window == null ? null : window.start()))
                .bind("window_end", time(window == null ? null : window.end()))
                .bind("window_zone", window == null ? null : window.zone().getId())
                .bind("created_at", timestamp(campaign.createdAt()))
                .bind("completed_at", timestamp(campaign.completedAt()));
        bindCounters(insert, campaign.progress()).execute();
    }

    @Override
    public Optional<Campaign> find(CampaignId id) {
        Campaign held = locked.get(id);
        if (held != null) {
            return Optional.of(current(held));
        }
        return handle.createQuery("SELECT * FROM call_campaigns WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresCampaignRepository::map)
                .findOne()
                .map(this::current);
    }

    @Override
    public Optional<Campaign> lock(CampaignId id) {
        Campaign held = locked.get(id);
        if (held != null) {
            return Optional.of(current(held)); // locked until the end of this unit of work already
        }
        // NO KEY UPDATE: excludes other lockers and writers of the row, but not the KEY SHARE locks that inserting a
        // call or contact referencing this campaign takes for its foreign key
        Optional<Campaign> campaign = handle.createQuery("SELECT * FROM call_campaigns WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id.value())
                .map(PostgresCampaignRepository::map)
                .findOne();
        if (writeBehind) {
            campaign.ifPresent(c -> locked.put(c.id(), c));
        }
        return campaign.map(this::current);
    }

    @Override
    public List<Campaign> findByAgentAndStatus(AgentId agentId, CampaignStatus status) {
        return handle.createQuery("""
                        SELECT * FROM call_campaigns
                        WHERE agent_id = :agent_id AND status = :status
                        ORDER BY created_at, seq
                        """)
                .bind("agent_id", agentId.value())
                .bind("status", name(status))
                .map(PostgresCampaignRepository::map)
                .list().stream().map(this::current).toList();
    }

    @Override
    public List<Campaign> findByOrganization(OrganizationId organizationId, int offset, int limit) {
        return handle.createQuery("""
                        SELECT * FROM call_campaigns
                        WHERE organization_id = :organization_id
                        ORDER BY created_at DESC, seq DESC
                        OFFSET :offset LIMIT :limit
                        """)
                .bind("organization_id", organizationId.value())
                .bind("offset", offset)
                .bind("limit", limit)
                .map(PostgresCampaignRepository::map)
                .list().stream().map(this::current).toList();
    }

    @Override
    public void addProgress(CampaignId id, CampaignProgress delta) {
        if (delta.isZero()) {
            return;
        }
        if (writeBehind) {
            unadded.merge(id, delta, CampaignProgress::plus);
            return;
        }
        int changed = bindCounters(handle.createUpdate(ADD_PROGRESS), delta)
                .bind("id", id.value())
                .execute();
        if (changed == 0) {
            throw new IllegalStateException("no campaign " + id + " to add progress to");
        }
    }

    @Override
    public boolean changeStatus(CampaignId id, CampaignStatus from, CampaignStatus to, Instant completedAt) {
        boolean changed = handle.createUpdate(CHANGE_STATUS)
                .bind("id", id.value())
                .bind("from", name(from))
                .bind("to", name(to))
                .bind("completed_at", timestamp(completedAt))
                .execute() == 1;
        if (changed) {
            locked.computeIfPresent(id, (key, held) -> held.withStatus(to, completedAt));
        }
        return changed;
    }

    private static Update bindCounters(Update update, CampaignProgress progress) {
        update.bind("processed", progress.processed()).bind("successful", progress.successful());
        for (Outcome outcome : Outcome.values()) {
            update.bind(counterColumn(outcome), progress.count(outcome));
        }
        return update;
    }

    /** {@code outcome_} plus the outcome's lower-case name; V2 has one such column per {@link Outcome}. */
    private static String counterColumn(Outcome outcome) {
        return "outcome_" + name(outcome);
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().sorted().map(SqlValues::name).toArray(String[]::new);
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    private static Duration duration(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole).movePointRight(9).intValueExact();
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    private static <E extends Enum<E>> Set<E> constants(Class<E> type, Array array) throws SQLException {
        EnumSet<E> set = EnumSet.noneOf(type);
        Arrays.stream((String[]) array.getArray()).map(s -> constant(type, s)).forEach(set::add);
        return set;
    }

    private static Campaign map(ResultSet rs, StatementContext ctx) throws SQLException {
        RetryPolicy policy = new RetryPolicy(
                constants(Outcome.class, rs.getArray("retry_on")),
                rs.getInt("max_attempts"),
                duration(rs.getBigDecimal("retry_delay_seconds")));
        Array days = rs.getArray("window_days");
        CallingWindow window = days == null ? null : new CallingWindow(
                constants(DayOfWeek.class, days),
                localTime(rs, "window_start"),
                localTime(rs, "window_end"),
                ZoneId.of(rs.getString("window_zone")));
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, rs.getLong(counterColumn(outcome)));
        }
        CampaignProgress progress = new CampaignProgress(rs.getLong("processed"), rs.getLong("successful"), byOutcome);
        return new Campaign(
                new CampaignId(uuid(rs, "id")),
                new OrganizationId(uuid(rs, "organization_id")),
                new AgentId(uuid(rs, "agent_id")),
                rs.getString("name"),
                constant(CampaignStatus.class, rs, "status"),
                policy,
                window,
                progress,
                instant(rs, "created_at"),
                instant(rs, "completed_at"));
    }
}
