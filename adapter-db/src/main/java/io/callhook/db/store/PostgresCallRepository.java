package io.callhook.db.store;

import static io.callhook.db.store.SqlValues.bigint;
import static io.callhook.db.store.SqlValues.bool;
import static io.callhook.db.store.SqlValues.constant;
import static io.callhook.db.store.SqlValues.instant;
import static io.callhook.db.store.SqlValues.integer;
import static io.callhook.db.store.SqlValues.name;
import static io.callhook.db.store.SqlValues.timestamp;
import static io.callhook.db.store.SqlValues.uuid;
import static io.callhook.db.StorableValues.text;

import io.callhook.core.call.Call;
import io.callhook.core.call.CallDetails;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.call.CallState;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.out.CallRepository;
import io.callhook.core.retell.CallAnalysis;
import io.callhook.core.retell.CallType;
import io.callhook.core.retell.Direction;
import io.callhook.core.retell.Sentiment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Calls in table {@code calls}, one row per Retell call id. The lock is a transaction-scoped advisory lock on a 64-bit
 * hash of the call id (see {@code lock_call} in V2), so it exists before the row does and is released by commit or
 * rollback on whichever server took it.
 */
final class PostgresCallRepository implements CallRepository {

    private static final String UPSERT = """
            INSERT INTO calls (
                call_id, organization_id, agent_id, campaign_id, contact_id,
                state, state_rank, outcome, outcome_seen_at, created_at, updated_at,
                retell_agent_id, agent_version, call_type, direction, from_number, to_number, metadata,
                started_at, ended_at, duration_ms, disconnection_reason, cost_cents,
                transcript, transcript_object, recording_url, public_log_url,
                has_analysis, analysis_summary, in_voicemail, user_sentiment, call_successful, custom_analysis_data,
                transfer_destination, transfer_ended_at, field_ranks)
            VALUES (
                :call_id, :organization_id, :agent_id, :campaign_id, :contact_id,
                :state, :state_rank, :outcome, :outcome_seen_at, :created_at, now(),
                :retell_agent_id, :agent_version, :call_type, :direction, :from_number, :to_number,
                CAST(:metadata AS jsonb),
                :started_at, :ended_at, :duration_ms, :disconnection_reason, :cost_cents,
                :transcript, CAST(:transcript_object AS jsonb), :recording_url, :public_log_url,
                :has_analysis, :analysis_summary, :in_voicemail, :user_sentiment, :call_successful,
                CAST(:custom_analysis_data AS jsonb),
                :transfer_destination, :transfer_ended_at, CAST(:field_ranks AS jsonb))
            ON CONFLICT (call_id) DO UPDATE SET
                organization_id = EXCLUDED.organization_id,
                agent_id = EXCLUDED.agent_id,
                campaign_id = EXCLUDED.campaign_id,
                contact_id = EXCLUDED.contact_id,
                state = EXCLUDED.state,
                state_rank = EXCLUDED.state_rank,
                outcome = EXCLUDED.outcome,
                outcome_seen_at = EXCLUDED.outcome_seen_at,
                created_at = EXCLUDED.created_at,
                updated_at = EXCLUDED.updated_at,
                retell_agent_id = EXCLUDED.retell_agent_id,
                agent_version = EXCLUDED.agent_version,
                call_type = EXCLUDED.call_type,
                direction = EXCLUDED.direction,
                from_number = EXCLUDED.from_number,
                to_number = EXCLUDED.to_number,
                metadata = EXCLUDED.metadata,
                started_at = EXCLUDED.started_at,
                ended_at = EXCLUDED.ended_at,
                duration_ms = EXCLUDED.duration_ms,
                disconnection_reason = EXCLUDED.disconnection_reason,
                cost_cents = EXCLUDED.cost_cents,
                transcript = EXCLUDED.transcript,
                transcript_object = EXCLUDED.transcript_object,
                recording_url = EXCLUDED.recording_url,
                public_log_url = EXCLUDED.public_log_url,
                has_analysis = EXCLUDED.has_analysis,
                analysis_summary = EXCLUDED.analysis_summary,
                in_voicemail = EXCLUDED.in_voicemail,
                user_sentiment = EXCLUDED.user_sentiment,
                call_successful = EXCLUDED.call_successful,
                custom_analysis_data = EXCLUDED.custom_analysis_data,
                transfer_destination = EXCLUDED.transfer_destination,
                transfer_ended_at = EXCLUDED.transfer_ended_at,
                field_ranks = EXCLUDED.field_ranks
            """;

    /**
     * The advisory locks of many call ids, taken one after the other in array order (a function scan returns the
     * elements in order and evaluates the lock per row), so the caller's sorted order is the lock order.
     */
    private static final String LOCK_ALL = """
            SELECT t.call_id, pg_advisory_xact_lock(hashtextextended(t.call_id, 0)) IS NULL AS unused
            FROM unnest(CAST(:call_ids AS text[])) AS t(call_id)
            """;

    private final Handle handle;
    private final boolean writeBehind;
    /** Calls this unit of work locked, as it sees them now (empty: no call with that id yet). */
    private final Map<CallId, Optional<Call>> locked = new HashMap<>();
    /** Calls saved but not written yet, by id (a later save of a call replaces an earlier one). */
    private final Map<CallId, Call> unsaved = new HashMap<>();

    private final Consumer<Collection<Call>> afterLockAll;

    PostgresCallRepository(Handle handle) {
        this(handle, false, calls -> { });
    }

    /**
     * @param writeBehind  keep locked calls and hold saves back until {@link #flush()} (see
     *                     {@link PostgresStores#writeBehind})
     * @param afterLockAll told of the existing calls {@link #lockAll} locked with its two statements, so that what
     *                     they link to can be locked next, in lock order
     */
    PostgresCallRepository(Handle handle, boolean writeBehind, Consumer<Collection<Call>> afterLockAll) {
        this.handle = handle;
        this.writeBehind = writeBehind;
        this.afterLockAll = afterLockAll;
    }

    @Override
    public Optional<Call> lock(CallId id) {
        Optional<Call> held = locked.get(id);
        if (held != null) {
            return held; // locked until the end of this unit of work already, and nobody else writes it meanwhile
        }
        // one statement, one round trip; lock_call reads after the lock is granted (see V2 for why that matters)
        Optional<Call> call = handle.createQuery("SELECT * FROM lock_call(:call_id)")
                .bind("call_id", text(id.value()))
                .map(PostgresCallRepository::map)
                .findOne();
        return hold(id, call);
    }

    /**
     * Write-behind: two statements however many calls — the locks in the given order, then one read of the locked
     * rows. Two on purpose, as in {@code lock_call}: under READ COMMITTED a read in the locking statement would use the
     * snapshot taken before it waited for a lock and miss what the previous holder committed. One call id goes through
     * {@link #lock} (one statement).
     */
    @Override
    public void lockAll(List<CallId> ids) {
        List<CallId> fresh = ids.stream().filter(id -> !locked.containsKey(id)).distinct().toList();
        if (!writeBehind || fresh.size() < 2) {
            fresh.forEach(this::lock);
            return;
        }
        String[] callIds = fresh.stream().map(id -> text(id.value())).toArray(String[]::new);
        handle.createQuery(LOCK_ALL).bind("call_ids", callIds).mapTo(String.class).list();
        Map<CallId, Call> found = new HashMap<>();
        handle.createQuery("SELECT * FROM calls WHERE call_id = ANY(CAST(:call_ids AS text[]))")
                .bind("call_ids", callIds)
                .map(PostgresCallRepository::map)
                .forEach(call -> found.put(call.id(), call));
        fresh.forEach(id -> hold(id, Optional.ofNullable(found.get(id))));
        afterLockAll.accept(fresh.stream().map(locked::get).flatMap(Optional::stream).toList());
    }

    /** Remembers a call locked by this unit of work (write-behind only), as it sees it: with any save not written. */
    private Optional<Call> hold(CallId id, Optional<Call> stored) {
        Optional<Call> current = unsaved.containsKey(id) ? Optional.of(unsaved.get(id)) : stored;
        if (writeBehind) {
            locked.put(id, current);
        }
        return current;
    }

    @Override
    public void save(Call call) {
        if (writeBehind) {
            // written once, with the call's last state, just before commit
            unsaved.put(call.id(), call);
            locked.computeIfPresent(call.id(), (id, held) -> Optional.of(call));
            return;
        }
        bindCall(handle.createUpdate(UPSERT), call).execute();
    }

    /**
     * Writes the calls saved but not written yet: one JDBC batch of upserts in call-id order (the driver sends a batch
     * without waiting for each statement's answer), on rows whose call ids this unit of work holds locked.
     */
    void flush() {
        if (unsaved.isEmpty()) {
            return;
        }
        List<Call> calls = unsaved.values().stream().sorted(Comparator.comparing(c -> c.id().value())).toList();
        unsaved.clear();
        PreparedBatch batch = handle.prepareBatch(UPSERT);
        calls.forEach(call -> bindCall(batch, call).add());
        batch.execute();
    }

    private static <S extends SqlStatement<S>> S bindCall(S statement, Call call) {
        CallLinks links = call.links();
        CallDetails d = call.details();
        CallAnalysis analysis = d.analysis();
        return statement
                .bind("call_id", text(call.id().value()))
                .bind("organization_id", id(links.organizationId(), OrganizationId::value))
                .bind("agent_id", id(links.agentId(), AgentId::value))
                .bind("campaign_id", id(links.campaignId(), CampaignId::value))
                .bind("contact_id", id(links.contactId(), ContactId::value))
                .bind("state", name(call.state()))
                .bind("state_rank", call.stateRank())
                .bind("outcome", name(call.outcome()))
                .bind("outcome_seen_at", timestamp(call.outcomeSeenAt()))
                .bind("created_at", timestamp(call.createdAt()))
                .bind("retell_agent_id", text(d.retellAgentId()))
                .bind("agent_version", d.agentVersion())
                .bind("call_type", name(d.callType()))
                .bind("direction", name(d.direction()))
                .bind("from_number", text(d.fromNumber()))
                .bind("to_number", text(d.toNumber()))
                .bind("metadata", JsonColumns.write(d.metadata()))
                .bind("started_at", timestamp(d.startedAt()))
                .bind("ended_at", timestamp(d.endedAt()))
                .bind("duration_ms", d.durationMs())
                .bind("disconnection_reason", text(d.disconnectionReason()))
                .bind("cost_cents", d.costCents())
                .bind("transcript", text(d.transcript()))
                .bind("transcript_object", JsonColumns.write(d.transcriptObject()))
                .bind("recording_url", text(d.recordingUrl()))
                .bind("public_log_url", text(d.publicLogUrl()))
                .bind("has_analysis", analysis != null)
                .bind("analysis_summary", analysis == null ? null : text(analysis.callSummary()))
                .bind("in_voicemail", analysis == null ? null : analysis.inVoicemail())
                .bind("user_sentiment", analysis == null ? null : name(analysis.userSentiment()))
                .bind("call_successful", analysis == null ? null : analysis.callSuccessful())
                .bind("custom_analysis_data", analysis == null ? null : JsonColumns.write(analysis.customAnalysisData()))
                .bind("transfer_destination", text(d.transferDestination()))
                .bind("transfer_ended_at", timestamp(d.transferEndedAt()))
                .bind("field_ranks", JsonColumns.writeRanks(d.ranks()));
    }

    @Override
    public Optional<Call> find(CallId id) {
        Optional<Call> held = locked.get(id);
        if (held != null) {
            return held;
        }
        if (unsaved.containsKey(id)) {
            return Optional.of(unsaved.get(id));
        }
        return handle.createQuery("SELECT * FROM calls WHERE call_id = :call_id")
                .bind("call_id", text(id.value()))
                .map(PostgresCallRepository::map)
                .findOne();
    }

    @Override
    public List<Call> findLatest(int offset, int limit) {
        flush(); // read-your-writes
        // calls_latest_idx (V4)
        return handle.createQuery("SELECT * FROM calls ORDER BY created_at DESC, seq DESC OFFSET :offset LIMIT :limit")
                .bind("offset", offset)
                .bind("limit", limit)
                .map(PostgresCallRepository::map)
                .list();
    }

    @Override
    public List<Call> findByCampaign(CampaignId campaignId) {
        flush(); // read-your-writes
        return handle.createQuery("SELECT * FROM calls WHERE campaign_id = :campaign_id ORDER BY seq")
                .bind("campaign_id", campaignId.value())
                .map(PostgresCallRepository::map)
                .list();
    }

    private static <T> Argument id(T id, Function<T, UUID> value) {
        return SqlValues.nullableUuid(id == null ? null : value.apply(id));
    }

    private static Call map(ResultSet rs, StatementContext ctx) throws SQLException {
        UUID organization = uuid(rs, "organization_id");
        UUID agent = uuid(rs, "agent_id");
        UUID campaign = uuid(rs, "campaign_id");
        UUID contact = uuid(rs, "contact_id");
        CallLinks links = new CallLinks(
                organization == null ? null : new OrganizationId(organization),
                agent == null ? null : new AgentId(agent),
                campaign == null ? null : new CampaignId(campaign),
                contact == null ? null : new ContactId(contact));
        CallAnalysis analysis = rs.getBoolean("has_analysis")
                ? new CallAnalysis(
                        rs.getString("analysis_summary"),
                        bool(rs, "in_voicemail"),
                        constant(Sentiment.class, rs, "user_sentiment"),
                        bool(rs, "call_successful"),
                        JsonColumns.tree(rs, "custom_analysis_data"))
                : null;
        CallDetails details = new CallDetails(
                rs.getString("retell_agent_id"),
                integer(rs, "agent_version"),
                constant(CallType.class, rs, "call_type"),
                constant(Direction.class, rs, "direction"),
                rs.getString("from_number"),
                rs.getString("to_number"),
                JsonColumns.tree(rs, "metadata"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                bigint(rs, "duration_ms"),
                rs.getString("disconnection_reason"),
                rs.getBigDecimal("cost_cents"),
                rs.getString("transcript"),
                JsonColumns.tree(rs, "transcript_object"),
                rs.getString("recording_url"),
                rs.getString("public_log_url"),
                analysis,
                rs.getString("transfer_destination"),
                instant(rs, "transfer_ended_at"),
                Objects.requireNonNullElse(JsonColumns.ranks(rs, "field_ranks"), java.util.Map.of()));
        return new Call(
                new CallId(rs.getString("call_id")),
                links,
                constant(CallState.class, rs, "state"),
                rs.getInt("state_rank"),
                details,
                instant(rs, "outcome_seen_at"),
                instant(rs, "created_at"));
    }
}
