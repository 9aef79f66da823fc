package io.callhook.core.retell;

import static io.callhook.core.retell.RetellPayloads.callEvent;
import static io.callhook.core.retell.RetellPayloads.callInbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test helper other modules rely on builds what it promises. */
class RetellPayloadsTest {

    @Test
    void defaultCallEventParsesWithDefaults() {
        CallEnded ended = (CallEnded) callEvent("call_ended").event();

        assertThat(ended.call().callId()).isEqualTo(RetellPayloads.DEFAULT_CALL_ID);
        assertThat(ended.call().callType()).isEqualTo(CallType.PHONE_CALL);
        assertThat(ended.call().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(ended.call().callStatus()).isEqualTo(CallStatus.ENDED);
        assertThat(ended.eventTimestamp()).isNull();
        assertThat(((CallEvent) callEvent("call_started").event()).call().callStatus()).isEqualTo(CallStatus.ONGOING);
    }

    @Test
    void everySetterEndsUpInTheParsedSnapshot() {
        CallAnalyzed analyzed = (CallAnalyzed) callEvent("call_analyzed")
                .callId("call_x").agentId("agent_y").agentVersion(3).agentName("Recall")
                .callStatus("not_connected").direction("inbound").fromNumber("+14155550142").toNumber("+12125550198")
                .metadata("{\"campaign_id\":\"c1\",\"contact_id\":\"k1\"}")
                .dynamicVariable("customer_name", "Ann").dynamicVariable("tier", "gold")
                .startMs(1_000L).endMs(61_000L).durationMs(60_000L)
                .disconnectionReason("dial_no_answer").transcript("Agent: hi\n")
                .recordingUrl("https://example.test/r.wav").publicLogUrl("https://example.test/p.log")
                .callSummary("nobody answered").userSentiment("Unknown").callSuccessful(false).inVoicemail(false)
                .customAnalysisData("{\"booked\":false}")
                .costCents("12.5").totalDurationSeconds(60).productCost("voice_engine", "7.5")
                .transferLegCost("us_twilio_telephony", "5")
                .transferDestination("+14155550199").transferEndMs(90_000L)
                .eventTimestampMs(62_000L)
                .event();
        CallSnapshot call = analyzed.call();

        assertThat(analyzed.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(62_000L));
        assertThat(call.callId()).isEqualTo("call_x");
        assertThat(call.agentId()).isEqualTo("agent_y");
        assertThat(call.agentVersion()).isEqualTo(3);
        assertThat(call.agentName()).isEqualTo("Recall");
        assertThat(call.callStatus()).isEqualTo(CallStatus.NOT_CONNECTED);
        assertThat(call.direction()).isEqualTo(Direction.INBOUND);
        assertThat(call.fromNumber()).isEqualTo("+14155550142");
        assertThat(call.toNumber()).isEqualTo("+12125550198");
        assertThat(call.metadata().get("campaign_id").asText()).isEqualTo("c1");
        assertThat(call.dynamicVariables()).isEqualTo(Map.of("customer_name", "Ann", "tier", "gold"));
        assertThat(call.startTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000L));
        assertThat(call.endTimestamp()).isEqualTo(Instant.ofEpochMilli(61_000L));
        assertThat(call.durationMs()).isEqualTo(60_000L);
        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(call.transcript()).isEqualTo("Agent: hi\n");
        assertThat(call.recordingUrl()).isEqualTo("https://example.test/r.wav");
        assertThat(call.publicLogUrl()).isEqualTo("https://example.test/p.log");
        assertThat(call.analysis().callSummary()).isEqualTo("nobody answered");
        assertThat(call.analysis().userSentiment()).isEqualTo(Sentiment.UNKNOWN);
        assertThat(call.analysis().callSuccessful()).isFalse();
        assertThat(call.analysis().inVoicemail()).isFalse();
        assertThat(call.analysis().customAnalysisData().get("booked").asBoolean()).isFalse();
        assertThat(call.cost()).isEqualTo(new CallCost(new BigDecimal("12.5"), List.of(
                new CallCost.ProductCost("voice_engine", new BigDecimal("7.5"), null, false),
                new CallCost.ProductCost("us_twilio_telephony", new BigDecimal("5"), null, true)),
                new BigDecimal("60"), null));
        assertThat(call.transferDestination()).isEqualTo("+14155550199");
        assertThat(call.transferEndTimestamp()).isEqualTo(Instant.ofEpochMilli(90_000L));
    }

    @Test
    void buildersAreImmutable() {
        RetellPayloads.CallEventBuilder base = callEvent("call_ended").callId("call_base");

        byte[] varied = base.callId("call_varied").disconnectionReason("user_hangup").bytes();

        assertThat(base.json()).isEqualTo(
                "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"call_base\",\"call_type\":\"phone_call\","
                        + "\"direction\":\"outbound\",\"call_status\":\"ended\"}}");
        assertThat(((CallEnded) RetellPayloads.parse(varied)).call().callId()).isEqualTo("call_varied");
    }

    @Test
    void nullRemovesAField() {
        assertThat(((CallEvent) callEvent("call_ended").direction(null).event()).call().direction()).isNull();
    }

    @Test
    void transferEventCarriesTheEnvelopeObjects() {
        TransferStarted started = (TransferStarted) callEvent("transfer_started")
                .envelopeTransferDestination("+14155550199", "204").transferOption("{\"type\":\"warm_transfer\"}")
                .event();

        assertThat(started.transferDestination().get("number").asText()).isEqualTo("+14155550199");
        assertThat(started.transferDestination().get("extension").asText()).isEqualTo("204");
        assertThat(started.transferOption().get("type").asText()).isEqualTo("warm_transfer");
    }

    @Test
    void callInboundBuilderSetsIdsAndHeaders() {
        CallInbound inbound = RetellPayloads.parse(callInbound("+13105550123", "+14155550100")
                .callId("call_in").agentId("agent_in").agentVersion(4).customSipHeader("x-trunk-region", "us-west")
                .eventTimestampMs(1790010000000L).bytes(), CallInbound.class);

        assertThat(inbound).isEqualTo(new CallInbound("call_in", "agent_in", 4, "+13105550123", "+14155550100",
                Map.of("x-trunk-region", "us-west"), Instant.ofEpochMilli(1790010000000L)));
    }

    @Test
    void fixtureAndEventLoadFromTheClasspath() {
        assertThat(RetellPayloads.fixture("signature-v0-official-sdk-test-vector.body"))
                .isEqualTo("{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(RetellPayloads.event("01-outbound-call_started.json")).isInstanceOf(CallStarted.class);
        assertThatThrownBy(() -> RetellPayloads.fixture("no-such-file.json")).isInstanceOf(AssertionError.class);
    }

    @Test
    void parseFailsTheTestWithTheParserReason() {
        assertThatThrownBy(() -> callEvent("call_ended").without("call_id").event())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("call.call_id: required field is missing");
        assertThatThrownBy(() -> RetellPayloads.event("02-outbound-call_ended.json", CallStarted.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CallEnded");
    }
}
