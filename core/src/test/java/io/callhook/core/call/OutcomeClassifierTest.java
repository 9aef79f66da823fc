package io.callhook.core.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.retell.DisconnectionReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {

    @ParameterizedTest
    @CsvSource({
            "user_hangup, CONNECTED", "agent_hangup, CONNECTED", "call_transfer, CONNECTED",
            "voicemail_reached, VOICEMAIL", "ivr_reached, VOICEMAIL",
            "dial_no_answer, NO_ANSWER", "dial_busy, BUSY", "user_declined, DECLINED",
            "invalid_destination, INVALID_NUMBER", "dial_failed, FAILED", "sip_routing_error, FAILED",
            "telephony_provider_permission_denied, FAILED", "marked_as_spam, SPAM_FLAGGED",
            "error_llm_websocket_open, PLATFORM_ERROR", "concurrency_limit_reached, PLATFORM_ERROR",
            "no_concurrency_fallback, PLATFORM_ERROR", "registered_call_timeout, PLATFORM_ERROR",
            "reason_added_next_year, OTHER"})
    void reasonDecidesTheOutcome(String reason, Outcome expected) {
        assertThat(OutcomeClassifier.classify(reason, null)).isEqualTo(expected);
    }

    @Test
    void connectedCallFoundInVoicemailIsVoicemail() {
        assertThat(OutcomeClassifier.classify("agent_hangup", true)).isEqualTo(Outcome.VOICEMAIL);
        assertThat(OutcomeClassifier.classify("dial_no_answer", true)).isEqualTo(Outcome.NO_ANSWER);
    }

    @Test
    void noReasonMeansNoOutcomeYet() {
        assertThat(OutcomeClassifier.classify(null, true)).isNull();
    }

    @Test
    void everyKnownReasonHasAnOutcomeOtherThanOther() {
        for (DisconnectionReason reason : DisconnectionReason.values()) {
            if (reason != DisconnectionReason.OTHER) {
                assertThat(OutcomeClassifier.classify(reason.wire(), null)).as(reason.wire()).isNotEqualTo(Outcome.OTHER);
            }
        }
    }
}
