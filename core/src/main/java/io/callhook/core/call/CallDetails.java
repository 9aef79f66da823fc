package io.callhook.core.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.core.retell.CallAnalysis;
import io.callhook.core.retell.CallSnapshot;
import io.callhook.core.retell.CallType;
import io.callhook.core.retell.Direction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The facts Retell told us about a call, merged over every event seen. Each field remembers the {@link EventRank} of
 * the event that supplied it ({@code ranks}, by field name), and a new value replaces an old one only when it comes
 * from a higher-ranked event; equal ranks keep the longer (then lexicographically greater) value. That rule is
 * commutative, so any delivery order of the same events yields the same details.
 *
 * <p>Every component may be {@code null}; {@code ranks} is never {@code null}.
 */
public record CallDetails(
        String retellAgentId,
        Integer agentVersion,
        CallType callType,
        Direction direction,
        String fromNumber,
        String toNumber,
        JsonNode metadata,
        Instant startedAt,
        Instant endedAt,
        Long durationMs,
        String disconnectionReason,
        BigDecimal costCents,
        String transcript,
        JsonNode transcriptObject,
        String recordingUrl,
        String publicLogUrl,
        CallAnalysis analysis,
        String transferDestination,
        Instant transferEndedAt,
        Map<String, Integer> ranks) {

    /** Nothing known yet. */
    public static final CallDetails EMPTY = new CallDetails(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, Map.of());

    public CallDetails {
        ranks = ranks == null ? Map.of() : Map.copyOf(ranks);
    }

    /** These details with everything an event's call object carries merged in at the given rank. */
    public CallDetails merge(CallSnapshot call, int rank) {
        Merge m = new Merge(ranks, rank);
        return new CallDetails(
                m.pick("retell_agent_id", retellAgentId, call.agentId()),
                m.pick("agent_version", agentVersion, call.agentVersion()),
                m.pick("call_type", callType, call.callType()),
                m.pick("direction", direction, call.direction()),
                m.pick("from_number", fromNumber, call.fromNumber()),
                m.pick("to_number", toNumber, call.toNumber()),
                m.pick("metadata", metadata, absentIfNull(call.metadata())),
                m.pick("start_timestamp", startedAt, call.startTimestamp()),
                m.pick("end_timestamp", endedAt, call.endTimestamp()),
                m.pick("duration_ms", durationMs, call.durationMs()),
                m.pick("disconnection_reason", disconnectionReason, call.disconnectionReasonWire()),
                m.pick("combined_cost", costCents, call.cost() == null ? null : call.cost().combinedCostCents()),
                m.pick("transcript", transcript, call.transcript()),
                m.pick("transcript_object", transcriptObject, absentIfNull(call.transcriptObject())),
                m.pick("recording_url", recordingUrl, call.recordingUrl()),
                m.pick("public_log_url", publicLogUrl, call.publicLogUrl()),
                m.pick("call_analysis", analysis, call.analysis()),
                m.pick("transfer_destination", transferDestination, call.transferDestination()),
                m.pick("transfer_end_timestamp", transferEndedAt, call.transferEndTimestamp()),
                m.ranks());
    }

    /** These details with the numbers and agent an inbound-call webhook announced (lowest rank). */
    public CallDetails mergeInbound(String agentId, Integer version, String from, String to) {
        Merge m = new Merge(ranks, EventRank.INBOUND_WEBHOOK);
        return new CallDetails(
                m.pick("retell_agent_id", retellAgentId, agentId),
                m.pick("agent_version", agentVersion, version),
                m.pick("call_type", callType, CallType.PHONE_CALL),
                m.pick("direction", direction, Direction.INBOUND),
                m.pick("from_number", fromNumber, from),
                m.pick("to_number", toNumber, to),
                metadata, startedAt, endedAt, durationMs, disconnectionReason, costCents, transcript, transcriptObject,
                recordingUrl, publicLogUrl, analysis, transferDestination, transferEndedAt, m.ranks());
    }

    /** The analysis' {@code call_successful}, or {@code null}. */
    public Boolean successful() {
        return analysis == null ? null : analysis.callSuccessful();
    }

    /** The analysis' {@code in_voicemail}, or {@code null}. */
    public Boolean inVoicemail() {
        return analysis == null ? null : analysis.inVoicemail();
    }

    private static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** Picks field values by rank while collecting the ranks of the winners. */
    private static final class Merge {
        private final Map<String, Integer> ranks;
        private final int rank;

        Merge(Map<String, Integer> previous, int rank) {
            this.ranks = new java.util.HashMap<>(previous);
            this.rank = rank;
        }

        <T> T pick(String field, T current, T incoming) {
            if (incoming == null) {
                return current;
            }
            Integer currentRank = ranks.get(field);
            if (current == null || currentRank == null || rank > currentRank
                    || (rank == currentRank && tieBreak(incoming, current) > 0)) {
                ranks.put(field, rank);
                return incoming;
            }
            return current;
        }

        Map<String, Integer> ranks() {
            return ranks;
        }

        /** Equal ranks (repeated transfer or transcript events): the longer value, then the greater one, wins. */
        private static int tieBreak(Object incoming, Object current) {
            String a = String.valueOf(incoming);
            String b = String.valueOf(current);
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallDetails other && comparable().equals(other.comparable());
    }

    @Override
    public int hashCode() {
        return comparable().hashCode();
    }

    /** BigDecimal equality ignores scale here: 43.9450 and 43.945 cents are the same money. */
    private java.util.List<Object> comparable() {
        return java.util.Arrays.asList(retellAgentId, agentVersion, callType, direction, fromNumber, toNumber, metadata,
                startedAt, endedAt, durationMs, disconnectionReason,
                costCents == null ? null : costCents.stripTrailingZeros(), transcript, transcriptObject, recordingUrl,
                publicLogUrl, analysis, transferDestination, transferEndedAt, ranks);
    }

    /** Not part of the record's identity: a field-by-field description for logs would leak transcripts. */
    @Override
    public String toString() {
        return "CallDetails[agent=" + retellAgentId + ", direction=" + direction + ", reason=" + disconnectionReason
                + ", ranks=" + ranks + "]";
    }
}
