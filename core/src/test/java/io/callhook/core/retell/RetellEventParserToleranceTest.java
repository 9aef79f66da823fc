package io.callhook.core.retell;

import static io.callhook.core.retell.RetellPayloads.callEvent;
import static io.callhook.core.retell.RetellPayloads.callInbound;
import static io.callhook.core.retell.RetellPayloads.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Retell may vary (new names and values, absent or null fields, older envelopes) never fails parsing. */
class RetellEventParserToleranceTest {

    @Test
    void unknownEventNameIsUnrecognisedAndKeepsNameAndBody() {
        byte[] body = "{\"event\":\"call_reanalyzed\",\"event_timestamp\":1790006700000,\"whatever\":{\"x\":1}}"
                .getBytes(StandardCharsets.UTF_8);

        UnrecognisedEvent event = parse(body, UnrecognisedEvent.class);

        assertThat(event.name()).isEqualTo("call_reanalyzed");
        assertThat(event.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1790006700000L));
        assertThat(event.body().get("whatever").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void unknownDisconnectionReasonIsOtherWithTheWireStringKept() {
        CallSnapshot call = snapshot(callEvent("call_ended").disconnectionReason("dial_rejected_by_carrier"));

        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.OTHER);
        assertThat(call.disconnectionReasonWire()).isEqualTo("dial_rejected_by_carrier");
    }

    @Test
    void unknownEnumerationValuesBecomeOther() {
        CallSnapshot call = snapshot(callEvent("call_analyzed")
                .callType("sip_call").callStatus("paused").direction("sideways").userSentiment("Mixed"));

        assertThat(call.callType()).isEqualTo(CallType.OTHER);
        assertThat(call.callStatus()).isEqualTo(CallStatus.OTHER);
        assertThat(call.direction()).isEqualTo(Direction.OTHER);
        assertThat(call.analysis().userSentiment()).isEqualTo(Sentiment.OTHER);
        assertThat(call.raw().get("direction").asText()).isEqualTo("sideways");
    }

    @Test
    void onlyTheCallIdIsRequiredInACallObject() {
        CallSnapshot call = parse("{\"event\":\"call_started\",\"call\":{\"call_id\":\"call_1\"}}"
                .getBytes(StandardCharsets.UTF_8), CallStarted.class).call();

        assertThat(call.callId()).isEqualTo("call_1");
        assertThat(call.agentId()).isNull();
        assertThat(call.callStatus()).isNull();
        assertThat(call.dynamicVariables()).isEmpty();
        assertThat(call.analysis()).isNull();
        assertThat(call.cost()).isNull();
    }

    @Test
    void jsonNullForAnOptionalFieldMeansAbsent() {
        CallSnapshot call = snapshot(callEvent("call_ended").field("agent_id", "null").field("start_timestamp", "null")
                .field("metadata", "null").field("call_analysis", "null").field("call_cost", "null")
                .field("retell_llm_dynamic_variables", "null").envelopeField("event_timestamp", "null"));

        assertThat(call.agentId()).isNull();
        assertThat(call.startTimestamp()).isNull();
        assertThat(call.metadata()).isNull();
        assertThat(call.analysis()).isNull();
        assertThat(call.cost()).isNull();
        assertThat(call.dynamicVariables()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredButKeptInRaw() {
        CallSnapshot call = snapshot(callEvent("call_ended").field("brand_new_field", "{\"a\":[1,2]}")
                .envelopeField("envelope_extra", "true"));

        assertThat(call.raw().get("brand_new_field").get("a")).hasSize(2);
    }

    @Test
    void legacyDataKeyIsReadWhenThereIsNoCallKey() {
        CallEnded ended = parse(callEvent("call_ended").callId("call_legacy").underLegacyDataKey().bytes(),
                CallEnded.class);

        assertThat(ended.call().callId()).isEqualTo("call_legacy");
    }

    @Test
    void callKeyWinsOverLegacyDataKey() {
        byte[] body = callEvent("call_ended").callId("call_current").envelopeField("data", "{\"call_id\":\"call_old\"}")
                .bytes();

        assertThat(parse(body, CallEnded.class).call().callId()).isEqualTo("call_current");
    }

    @Test
    void transcriptUpdatedOfAChatIsAChatEvent() {
        byte[] body = "{\"event\":\"transcript_updated\",\"chat\":{\"chat_id\":\"chat_1\",\"chat_status\":\"ongoing\"}}"
                .getBytes(StandardCharsets.UTF_8);

        ChatEvent chat = parse(body, ChatEvent.class);

        assertThat(chat.name()).isEqualTo("transcript_updated");
        assertThat(chat.chatId()).isEqualTo("chat_1");
    }

    @Test
    void transcriptUpdatedOfACallIsATranscriptUpdated() {
        assertThat(callEvent("transcript_updated").event()).isInstanceOf(TranscriptUpdated.class);
    }

    @Test
    void nonStringScalarVariablesKeepTheirJsonSpellingAndNullEntriesAreDropped() {
        CallSnapshot call = snapshot(callEvent("call_started")
                .field("retell_llm_dynamic_variables", "{\"count\":3,\"vip\":true,\"name\":\"Ann\",\"gone\":null}"));

        assertThat(call.dynamicVariables()).isEqualTo(Map.of("count", "3", "vip", "true", "name", "Ann"));
    }

    @Test
    void numericTransferDestinationIsKeptAsText() {
        assertThat(snapshot(callEvent("call_ended").field("transfer_destination", "14155550199")).transferDestination())
                .isEqualTo("14155550199");
    }

    @Test
    void wholeNumbersWrittenWithAFractionAreAccepted() {
        CallSnapshot call = snapshot(callEvent("call_ended").field("start_timestamp", "1790006412873.0")
                .field("agent_version", "7.0"));

        assertThat(call.startTimestamp()).isEqualTo(Instant.ofEpochMilli(1790006412873L));
        assertThat(call.agentVersion()).isEqualTo(7);
    }

    @Test
    void centsKeepTheirWrittenScale() {
        CallCost cost = snapshot(callEvent("call_ended").costCents("12.50").productCost("voice_engine", "0.10")
                .transferLegCost("us_twilio_telephony", "5.110")).cost();

        assertThat(cost.combinedCostCents()).isEqualTo(new BigDecimal("12.50"));
        assertThat(cost.productCosts()).extracting(CallCost.ProductCost::costCents)
                .containsExactly(new BigDecimal("0.10"), new BigDecimal("5.110"));
        assertThat(cost.productCosts()).extracting(CallCost.ProductCost::transferLeg).containsExactly(false, true);
    }

    @Test
    void callInboundNeedsOnlyTheTwoNumbers() {
        CallInbound inbound = parse(callInbound("11111", "").bytes(), CallInbound.class);

        assertThat(inbound).isEqualTo(new CallInbound(null, null, null, "11111", "", Map.of(), null));
    }

    @Test
    void blankOptionalIdentifierCountsAsAbsent() {
        assertThat(parse(callInbound("+13105550123", "+14155550100").callId(" ").bytes(), CallInbound.class).callId())
                .isNull();
    }

    private static CallSnapshot snapshot(RetellPayloads.CallEventBuilder builder) {
        return ((CallEvent) builder.event()).call();
    }
}
