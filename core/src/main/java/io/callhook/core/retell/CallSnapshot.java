package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Retell's call object as carried by one event, typed where the domain uses a field and raw JSON elsewhere.
 *
 * <p>Retell leaves unset fields out, so apart from {@code callId} every component may be {@code null} (maps are empty,
 * never {@code null}). Units are converted: epoch-millisecond timestamps become {@link Instant}s, costs stay in cents as
 * {@link java.math.BigDecimal} (see {@link CallCost}). Enumerations tolerate values this version does not know.
 * {@code raw} is the whole call object as received, for everything not modelled here.
 *
 * @param callId                    Retell's {@code call_id}, never {@code null}
 * @param callType                  {@code call_type}
 * @param agentId                   Retell's {@code agent_id}
 * @param agentVersion              {@code agent_version}
 * @param agentName                 {@code agent_name}
 * @param callStatus                {@code call_status}
 * @param direction                 {@code direction}; {@code null} for web calls
 * @param fromNumber                {@code from_number} as sent (not validated: real captures hold non-E.164 values)
 * @param toNumber                  {@code to_number} as sent
 * @param metadata                  {@code metadata}, raw JSON
 * @param dynamicVariables          {@code retell_llm_dynamic_variables}
 * @param startTimestamp            {@code start_timestamp}
 * @param endTimestamp              {@code end_timestamp}
 * @param durationMs                {@code duration_ms}
 * @param disconnectionReasonWire   {@code disconnection_reason} exactly as sent; see {@link #disconnectionReason()}
 * @param transcript                {@code transcript} text
 * @param transcriptObject          {@code transcript_object}, raw JSON
 * @param transcriptWithToolCalls   {@code transcript_with_tool_calls}, raw JSON
 * @param recordingUrl              {@code recording_url}
 * @param publicLogUrl              {@code public_log_url}
 * @param analysis                  {@code call_analysis}; absent before {@code call_analyzed}
 * @param cost                      {@code call_cost}
 * @param transferDestination       the call object's {@code transfer_destination} string
 * @param transferEndTimestamp      {@code transfer_end_timestamp}
 * @param raw                       the whole call object as received
 */
public record CallSnapshot(
        String callId,
        CallType callType,
        String agentId,
        Integer agentVersion,
        String agentName,
        CallStatus callStatus,
        Direction direction,
        String fromNumber,
        String toNumber,
        JsonNode metadata,
        Map<String, String> dynamicVariables,
        Instant startTimestamp,
        Instant endTimestamp,
        Long durationMs,
        String disconnectionReasonWire,
        String transcript,
        JsonNode transcriptObject,
        JsonNode transcriptWithToolCalls,
        String recordingUrl,
        String publicLogUrl,
        CallAnalysis analysis,
        CallCost cost,
        String transferDestination,
        Instant transferEndTimestamp,
        JsonNode raw) {

    public CallSnapshot {
        Objects.requireNonNull(callId, "callId");
        dynamicVariables = dynamicVariables == null ? Map.of() : Map.copyOf(dynamicVariables);
    }

    /** The typed disconnection reason: {@code null} when absent, {@link DisconnectionReason#OTHER} when unknown. */
    public DisconnectionReason disconnectionReason() {
        return disconnectionReasonWire == null ? null : DisconnectionReason.fromWire(disconnectionReasonWire);
    }
}
