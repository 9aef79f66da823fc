package io.callhook.core.retell;

import static io.callhook.core.retell.RetellPayloads.event;
import static io.callhook.core.retell.RetellPayloads.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.retell.CallCost.ProductCost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every request fixture parses into the right record, with values and units as written in the file. */
class RetellEventParserFixturesTest {

    private static final String OUTBOUND_CALL = "call_4e1b9c07d2a85f36e1c04b7a9d2";
    private static final String RECALL_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    private static final String TRANSFER_CALL = "call_7b9d1f3a5c7e9b1d3f5a7c9e1b3";
    private static final String FRONT_DESK_AGENT = "agent_2d4f6a8c0e1b3d5f7a9c1e3b5d";
    private static final String CHAT_ID = "chat_8d0f2b4e6c8a0f2d4b6e8c0a2f4";
    private static final String CHAT_AGENT = "agent_0f2d4b6e8c0a2f4d6b8e0c2a4f";

    static Stream<Arguments> requestFixtures() {
        return Stream.of(
                Arguments.of("01-outbound-call_started.json", CallStarted.class, OUTBOUND_CALL),
                Arguments.of("02-outbound-call_ended.json", CallEnded.class, OUTBOUND_CALL),
                Arguments.of("03-outbound-call_analyzed.json", CallAnalyzed.class, OUTBOUND_CALL),
                Arguments.of("04-outbound-transcript_updated.json", TranscriptUpdated.class, OUTBOUND_CALL),
                Arguments.of("10-inbound-call_inbound.request.json", CallInbound.class, null),
                Arguments.of("12-inbound-call_started.json", CallStarted.class, "call_9a7d5e3c1b0f2e4d6c8a0b1e3f5"),
                Arguments.of("13-inbound-call_ended.json", CallEnded.class, "call_9a7d5e3c1b0f2e4d6c8a0b1e3f5"),
                Arguments.of("14-inbound-call_analyzed.json", CallAnalyzed.class, "call_9a7d5e3c1b0f2e4d6c8a0b1e3f5"),
                Arguments.of("20-noanswer-call_ended.json", CallEnded.class, "call_5f3a1d9b7e2c4a6f8d0b2e4c6a8"),
                Arguments.of("21-noanswer-call_analyzed.json", CallAnalyzed.class, "call_5f3a1d9b7e2c4a6f8d0b2e4c6a8"),
                Arguments.of("30-voicemail-call_started.json", CallStarted.class, "call_c2e4a6b8d0f1e3c5a7b9d1f3e5c"),
                Arguments.of("31-voicemail-call_ended.json", CallEnded.class, "call_c2e4a6b8d0f1e3c5a7b9d1f3e5c"),
                Arguments.of("32-voicemail-call_analyzed.json", CallAnalyzed.class, "call_c2e4a6b8d0f1e3c5a7b9d1f3e5c"),
                Arguments.of("40-transfer-call_started.json", CallStarted.class, TRANSFER_CALL),
                Arguments.of("41-transfer-transfer_started.json", TransferStarted.class, TRANSFER_CALL),
                Arguments.of("42-transfer-transfer_bridged.json", TransferBridged.class, TRANSFER_CALL),
                Arguments.of("43-transfer-call_ended.json", CallEnded.class, TRANSFER_CALL),
                Arguments.of("44-transfer-call_analyzed.json", CallAnalyzed.class, TRANSFER_CALL),
                Arguments.of("45-transfer-transfer_ended.json", TransferEnded.class, TRANSFER_CALL),
                Arguments.of("46-transfer-transfer_cancelled.json", TransferCancelled.class,
                        "call_3c5e7a9b1d3f5e7c9a1b3d5f7e9"),
                Arguments.of("60-webcall-call_ended.json", CallEnded.class, "call_1a3c5e7f9b1d3f5a7c9e1b3d5f7"),
                Arguments.of("70-chat-chat_started.json", ChatEvent.class, null),
                Arguments.of("71-chat-chat_ended.json", ChatEvent.class, null),
                Arguments.of("72-chat-chat_analyzed.json", ChatEvent.class, null),
                Arguments.of("75-sms-chat_inbound.request.json", ChatInbound.class, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestFixtures")
    void requestFixtureParsesIntoItsEventType(String file, Class<? extends RetellEvent> type, String callId) {
        RetellEvent event = event(file, type);

        assertThat(file).contains(event.name());
        if (callId != null) {
            assertThat(((CallEvent) event).call().callId()).isEqualTo(callId);
            assertThat(((CallEvent) event).call().raw().get("call_id").asText()).isEqualTo(callId);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"11-inbound-call_inbound.response.json", "11b-inbound-call_inbound.response-reject.json",
            "11c-inbound-call_inbound.response-empty.json", "76-sms-chat_inbound.response.json"})
    void ourResponseBodiesAreNotDeliveries(String file) {
        assertThat(new RetellEventParser().parse(fixture(file)))
                .isEqualTo(new ParseResult.Malformed("event", "required field is missing"));
    }

    @Test
    void outboundCallEndedCarriesTheFullCallObjectInDomainUnits() {
        CallEnded ended = event("02-outbound-call_ended.json", CallEnded.class);
        CallSnapshot call = ended.call();

        assertThat(ended.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1790006600945L));
        assertThat(call.callId()).isEqualTo(OUTBOUND_CALL);
        assertThat(call.callType()).isEqualTo(CallType.PHONE_CALL);
        assertThat(call.agentId()).isEqualTo(RECALL_AGENT);
        assertThat(call.agentVersion()).isEqualTo(7);
        assertThat(call.agentName()).isEqualTo("Acme Dental - Recall Campaign (outbound)");
        assertThat(call.callStatus()).isEqualTo(CallStatus.ENDED);
        assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(call.fromNumber()).isEqualTo("+14155550142");
        assertThat(call.toNumber()).isEqualTo("+12125550198");
        assertThat(call.metadata().get("campaign_id").asText()).isEqualTo("cmp_2026_09_recall");
        assertThat(call.metadata().get("contact_id").asText()).isEqualTo("ct_000481");
        assertThat(call.metadata().get("attempt").asInt()).isEqualTo(1);
        assertThat(call.dynamicVariables()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer_name", "Maria Lopez", "clinic_name", "Acme Dental", "last_visit", "March 3, 2026"));
        assertThat(call.startTimestamp()).isEqualTo(Instant.ofEpochMilli(1790006412873L));
        assertThat(call.endTimestamp()).isEqualTo(Instant.ofEpochMilli(1790006600305L));
        assertThat(call.durationMs()).isEqualTo(187432L);
        assertThat(call.disconnectionReasonWire()).isEqualTo("agent_hangup");
        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.AGENT_HANGUP);
        assertThat(call.transcript()).startsWith("Agent: Hi, is this Maria? This is Ava calling from Acme Dental.\n");
        assertThat(call.transcriptObject()).hasSize(10);
        assertThat(call.transcriptWithToolCalls()).hasSize(14);
        assertThat(call.recordingUrl()).isEqualTo("https://dxc03zgurdly9.cloudfront.net/"
                + "5b1e9f3c7a2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7/recording.wav");
        assertThat(call.publicLogUrl()).isEqualTo("https://dxc03zgurdly9.cloudfront.net/"
                + "5b1e9f3c7a2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7/public.log");
        assertThat(call.analysis()).as("call_ended carries no analysis").isNull();
        assertThat(call.transferDestination()).isNull();
        assertThat(call.transferEndTimestamp()).isNull();
        assertThat(call.raw().get("latency").get("e2e")).isNotNull();
    }

    @Test
    void costsStayExactDecimalCentsAsWritten() {
        CallCost cost = event("02-outbound-call_ended.json", CallEnded.class).call().cost();

        // isEqualTo on BigDecimal compares scale too: 43.945 must not come back as 43.94500000000000028…
        assertThat(cost.combinedCostCents()).isEqualTo(new BigDecimal("43.945"));
        assertThat(cost.totalDurationSeconds()).isEqualTo(new BigDecimal("187"));
        assertThat(cost.totalDurationUnitPriceCents()).isEqualTo(new BigDecimal("0.235"));
        assertThat(cost.productCosts()).containsExactly(
                new ProductCost("voice_engine", new BigDecimal("15.5833"), new BigDecimal("0.083333"), false),
                new ProductCost("elevenlabs_tts", new BigDecimal("21.8167"), new BigDecimal("0.116667"), false),
                new ProductCost("gpt-4o-mini", new BigDecimal("1.87"), new BigDecimal("0.01"), false),
                new ProductCost("us_twilio_telephony", new BigDecimal("4.675"), new BigDecimal("0.025"), false));
    }

    @Test
    void callAnalyzedAddsTheAnalysis() {
        CallAnalysis analysis = event("03-outbound-call_analyzed.json", CallAnalyzed.class).call().analysis();

        assertThat(analysis.callSummary()).isEqualTo("Ava from Acme Dental called Maria Lopez for her six-month "
                + "recall. Maria booked a cleaning for Tuesday September 29, 2026 at 9:30 AM and the call ended "
                + "politely.");
        assertThat(analysis.inVoicemail()).isFalse();
        assertThat(analysis.userSentiment()).isEqualTo(Sentiment.POSITIVE);
        assertThat(analysis.callSuccessful()).isTrue();
        assertThat(analysis.customAnalysisData().get("appointment_booked").asBoolean()).isTrue();
        assertThat(analysis.customAnalysisData().get("appointment_datetime").asText())
                .isEqualTo("2026-09-29T09:30:00-04:00");
        assertThat(analysis.customAnalysisData().get("callback_requested").asBoolean()).isFalse();
    }

    @Test
    void transcriptUpdatedIsAMidCallSnapshot() {
        TranscriptUpdated update = event("04-outbound-transcript_updated.json", TranscriptUpdated.class);

        assertThat(update.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1790006431523L));
        assertThat(update.call().callStatus()).isEqualTo(CallStatus.ONGOING);
        assertThat(update.call().transcriptObject()).hasSize(4);
        assertThat(update.call().endTimestamp()).isNull();
    }

    @Test
    void callInboundRequestCarriesNumbersAgentAndSipHeaders() {
        CallInbound inbound = event("10-inbound-call_inbound.request.json", CallInbound.class);

        assertThat(inbound).isEqualTo(new CallInbound("call_9a7d5e3c1b0f2e4d6c8a0b1e3f5", FRONT_DESK_AGENT, 4,
                "+13105550123", "+14155550100", Map.of("x-trunk-region", "us-west"),
                Instant.ofEpochMilli(1790010000000L)));
    }

    @Test
    void inboundCallStartedCarriesTheOverriddenAgentAndOurVariables() {
        CallSnapshot call = event("12-inbound-call_started.json", CallStarted.class).call();

        assertThat(call.direction()).isEqualTo(Direction.INBOUND);
        assertThat(call.agentId()).isEqualTo("agent_6e8a0c2e4b6d8f0a2c4e6b8d0f");
        assertThat(call.agentVersion()).isEqualTo(2);
        assertThat(call.dynamicVariables()).containsEntry("account_tier", "gold");
        assertThat(call.metadata().get("routed_by").asText()).isEqualTo("inbound-webhook");
        assertThat(call.startTimestamp()).isEqualTo(Instant.ofEpochMilli(1790010002310L));
        assertThat(call.cost()).isNull();
    }

    @Test
    void notConnectedCallHasNoTimestampsZeroDurationAndZeroCost() {
        CallSnapshot call = event("20-noanswer-call_ended.json", CallEnded.class).call();

        assertThat(call.callStatus()).isEqualTo(CallStatus.NOT_CONNECTED);
        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(call.startTimestamp()).isNull();
        assertThat(call.endTimestamp()).isNull();
        assertThat(call.durationMs()).isZero();
        assertThat(call.transcript()).isEmpty();
        assertThat(call.transcriptObject()).isEmpty();
        assertThat(call.recordingUrl()).isNull();
        assertThat(call.cost()).isEqualTo(new CallCost(BigDecimal.ZERO, List.of(), null, null));
    }

    @Test
    void notConnectedCallAnalysisHasUnknownSentiment() {
        CallAnalysis analysis = event("21-noanswer-call_analyzed.json", CallAnalyzed.class).call().analysis();

        assertThat(analysis.callSummary()).isEmpty();
        assertThat(analysis.inVoicemail()).isNull();
        assertThat(analysis.userSentiment()).isEqualTo(Sentiment.UNKNOWN);
        assertThat(analysis.callSuccessful()).isFalse();
        assertThat(analysis.customAnalysisData().isEmpty()).isTrue();
    }

    @Test
    void voicemailAnalysisSaysInVoicemail() {
        CallSnapshot call = event("32-voicemail-call_analyzed.json", CallAnalyzed.class).call();

        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.VOICEMAIL_REACHED);
        assertThat(call.analysis().inVoicemail()).isTrue();
        assertThat(call.analysis().callSuccessful()).isFalse();
        assertThat(call.analysis().userSentiment()).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void transferStartedKeepsTheEnvelopeDestinationObjectAndOption() {
        TransferStarted started = event("41-transfer-transfer_started.json", TransferStarted.class);

        assertThat(started.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1790013641200L));
        assertThat(started.transferDestination().isObject()).isTrue();
        assertThat(started.transferDestination().get("number").asText()).isEqualTo("+14155550199");
        assertThat(started.transferDestination().get("extension").asText()).isEqualTo("204");
        assertThat(started.transferOption().get("type").asText()).isEqualTo("warm_transfer");
        assertThat(started.transferOption().get("agentDetectionTimeoutMs").asInt()).isEqualTo(30000);
        assertThat(started.call().callStatus()).isEqualTo(CallStatus.ONGOING);
        assertThat(started.call().transferDestination()).as("the call object has no string yet").isNull();
    }

    @Test
    void transferBridgedAndCancelledCarryTheirTimestamps() {
        assertThat(event("42-transfer-transfer_bridged.json").eventTimestamp())
                .isEqualTo(Instant.ofEpochMilli(1790013652720L));
        TransferCancelled cancelled = event("46-transfer-transfer_cancelled.json", TransferCancelled.class);
        assertThat(cancelled.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1790017271800L));
        assertThat(cancelled.call().fromNumber()).isEqualTo("+12675550111");
        assertThat(cancelled.transferDestination().get("number").asText()).isEqualTo("+14155550199");
    }

    @Test
    void callEndedByTransferHasTheDestinationAsAString() {
        CallSnapshot call = event("43-transfer-call_ended.json", CallEnded.class).call();

        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.CALL_TRANSFER);
        assertThat(call.transferDestination()).isEqualTo("+14155550199");
        assertThat(call.endTimestamp()).isEqualTo(Instant.ofEpochMilli(1790013652870L));
        assertThat(call.durationMs()).isEqualTo(52870L);
        assertThat(call.cost().combinedCostCents()).isEqualTo(new BigDecimal("11.8826"));
    }

    @Test
    void transferEndedCarriesTheHumanLegEndAndCost() {
        TransferEnded ended = event("45-transfer-transfer_ended.json", TransferEnded.class);
        CallSnapshot call = ended.call();

        assertThat(ended.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1790014013070L));
        assertThat(ended.transferDestination()).as("no envelope object on transfer_ended").isNull();
        assertThat(ended.transferOption()).isNull();
        assertThat(call.transferEndTimestamp()).isEqualTo(Instant.ofEpochMilli(1790014012650L));
        assertThat(call.transferDestination()).isEqualTo("+14155550199");
        assertThat(call.analysis().callSuccessful()).isTrue();
        assertThat(call.cost().combinedCostCents()).isEqualTo(new BigDecimal("16.9946"));
        assertThat(call.cost().totalDurationSeconds()).isEqualTo(new BigDecimal("53"));
        assertThat(call.cost().totalDurationUnitPriceCents()).isEqualTo(new BigDecimal("0.2242"));
        assertThat(call.cost().productCosts()).hasSize(5);
        assertThat(call.cost().productCosts()).filteredOn(ProductCost::transferLeg).containsExactly(
                new ProductCost("us_twilio_telephony", new BigDecimal("5.112"), new BigDecimal("0.0142"), true));
    }

    @Test
    void webCallHasNoDirectionOrNumbers() {
        CallSnapshot call = event("60-webcall-call_ended.json", CallEnded.class).call();

        assertThat(call.callType()).isEqualTo(CallType.WEB_CALL);
        assertThat(call.direction()).isNull();
        assertThat(call.fromNumber()).isNull();
        assertThat(call.toNumber()).isNull();
        assertThat(call.agentId()).isEqualTo(FRONT_DESK_AGENT);
        assertThat(call.agentVersion()).isEqualTo(4);
        assertThat(call.startTimestamp()).isEqualTo(Instant.ofEpochMilli(1790020000000L));
        assertThat(call.endTimestamp()).isEqualTo(Instant.ofEpochMilli(1790020064210L));
        assertThat(call.durationMs()).isEqualTo(64210L);
        assertThat(call.disconnectionReason()).isEqualTo(DisconnectionReason.USER_HANGUP);
        assertThat(call.transcript()).isEqualTo("Agent: Hi! How can I help?\nUser: What are your opening hours?\n"
                + "Agent: We're open 8 AM to 6 PM, Monday to Friday.\n");
        assertThat(call.cost().combinedCostCents()).isEqualTo(new BigDecimal("13.44"));
        assertThat(call.raw().get("access_token").asText()).startsWith("eyJhbGciOiJIUzI1NiJ9.");
    }

    @Test
    void chatStartedIsAChatEvent() {
        ChatEvent chat = event("70-chat-chat_started.json", ChatEvent.class);

        assertThat(chat.name()).isEqualTo("chat_started");
        assertThat(chat.chatId()).isEqualTo(CHAT_ID);
        assertThat(chat.agentId()).isEqualTo(CHAT_AGENT);
        assertThat(chat.chatStatus()).isEqualTo("ongoing");
        assertThat(chat.eventTimestamp()).isNull();
        assertThat(chat.raw().get("version").asInt()).isEqualTo(3);
    }

    @Test
    void chatEndedAndAnalyzedKeepTheirNameAndRawChat() {
        ChatEvent ended = event("71-chat-chat_ended.json", ChatEvent.class);
        ChatEvent analyzed = event("72-chat-chat_analyzed.json", ChatEvent.class);

        assertThat(ended.name()).isEqualTo("chat_ended");
        assertThat(ended.chatStatus()).isEqualTo("ended");
        assertThat(ended.raw().get("chat_cost").get("combined_cost").decimalValue())
                .isEqualTo(new BigDecimal("0.32"));
        assertThat(ended.raw().has("chat_analysis")).isFalse();
        assertThat(analyzed.name()).isEqualTo("chat_analyzed");
        assertThat(analyzed.chatId()).isEqualTo(CHAT_ID);
        assertThat(analyzed.raw().get("chat_analysis").get("user_sentiment").asText()).isEqualTo("Positive");
    }

    @Test
    void chatInboundRequestCarriesNumbersAndAgent() {
        assertThat(event("75-sms-chat_inbound.request.json", ChatInbound.class)).isEqualTo(new ChatInbound(
                "chat_2a4c6e8f0b2d4f6a8c0e2b4d6f8", CHAT_AGENT, 3, "+13105550123", "+14155550100", null));
    }
}
