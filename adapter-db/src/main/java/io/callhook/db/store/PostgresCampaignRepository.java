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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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

    private static final String CHANGE_STATUS = """
            UPDATE call_campaigns SET status = :to, completed_at = :completed_at
            WHERE id = :id AND status = :from
            """;

    private final Handle handle;

    PostgresCampaignRepository(Handle handle) {
        this.handle = handle;
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
        return handle.createQuery("SELECT * FROM call_campaigns WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresCampaignRepository::map)
                .findOne();
    }

    @Override
    public Optional<Campaign> lock(CampaignId id) {
        // NO KEY UPDATE: excludes other lockers and writers of the row, but not the KEY SHARE locks that inserting a
        // call or contact referencing this campaign takes for its foreign key
        return handle.createQuery("SELECT * FROM call_campaigns WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id.value())
                .map(PostgresCampaignRepository::map)
                .findOne();
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
                .list();
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
                .list();
    }

    @Override
    public void addProgress(CampaignId id, CampaignProgress delta) {
        if (delta.isZero()) {
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
        return handle.createUpdate(CHANGE_STATUS)
                .bind("id", id.value())
                .bind("from", name(from))
                .bind("to", name(to))
                .bind("completed_at", timestamp(completedAt))
                .execute() == 1;
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
