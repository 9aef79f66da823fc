package io.callhook.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallDetails;
import io.callhook.core.call.CallLinks;
import io.callhook.core.retell.CallAnalysis;
import java.math.BigDecimal;

/**
 * A call as the API shows it: what it belongs to, where it is in its lifecycle, its outcome, and the facts Retell
 * reported (merged over all its events). Word-level transcript timings are left out; the plain transcript is included.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallView(
        String callId,
        String organizationId,
        String agentId,
        String campaignId,
        String contactId,
        String state,
        String outcome,
        String direction,
        String callType,
        String retellAgentId,
        Integer agentVersion,
        String fromNumber,
        String toNumber,
        String startedAt,
        String endedAt,
        String finishedAt,
        Long durationMs,
        String disconnectionReason,
        BigDecimal costCents,
        Boolean successful,
        Boolean inVoicemail,
        String userSentiment,
        String summary,
        JsonNode customAnalysisData,
        JsonNode metadata,
        String transcript,
        String recordingUrl,
        String publicLogUrl,
        String transferDestination,
        String transferEndedAt,
        String createdAt) {

    public static CallView of(Call call) {
        CallLinks links = call.links();
        CallDetails d = call.details();
        CallAnalysis analysis = d.analysis();
        return new CallView(
                call.id().value(),
                Wire.id(links.organizationId()),
                Wire.id(links.agentId()),
                Wire.id(links.campaignId()),
                Wire.id(links.contactId()),
                Wire.name(call.state()),
                Wire.name(call.outcome()),
                d.direction() == null ? null : d.direction().wire(),
                d.callType() == null ? null : d.callType().wire(),
                d.retellAgentId(),
                d.agentVersion(),
                d.fromNumber(),
                d.toNumber(),
                Wire.time(d.startedAt()),
                Wire.time(d.endedAt()),
                Wire.time(call.finishedAt()),
                d.durationMs(),
                d.disconnectionReason(),
                Wire.decimal(d.costCents()),
                analysis == null ? null : analysis.callSuccessful(),
                analysis == null ? null : analysis.inVoicemail(),
                analysis == null || analysis.userSentiment() == null ? null : Wire.name(analysis.userSentiment()),
                analysis == null ? null : analysis.callSummary(),
                analysis == null ? null : analysis.customAnalysisData(),
                d.metadata(),
                d.transcript(),
                d.recordingUrl(),
                d.publicLogUrl(),
                d.transferDestination(),
                Wire.time(d.transferEndedAt()),
                Wire.time(call.createdAt()));
    }
}
