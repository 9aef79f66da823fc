package io.callhook.core.call;

import io.callhook.core.retell.DisconnectionReason;
import java.util.EnumMap;
import java.util.Map;

/** Classifies a call attempt from its disconnection reason and the analysis' voicemail flag. */
public final class OutcomeClassifier {

    private static final Map<DisconnectionReason, Outcome> BY_REASON = new EnumMap<>(DisconnectionReason.class);

    static {
        for (DisconnectionReason reason : DisconnectionReason.values()) {
            BY_REASON.put(reason, Outcome.OTHER);
        }
        map(Outcome.CONNECTED, DisconnectionReason.USER_HANGUP, DisconnectionReason.AGENT_HANGUP,
                DisconnectionReason.CALL_TRANSFER, DisconnectionReason.INACTIVITY,
                DisconnectionReason.MAX_DURATION_REACHED, DisconnectionReason.TRANSFER_BRIDGED,
                DisconnectionReason.TRANSFER_CANCELLED, DisconnectionReason.MANUAL_STOPPED,
                DisconnectionReason.CALL_TAKE_OVER);
        map(Outcome.VOICEMAIL, DisconnectionReason.VOICEMAIL_REACHED, DisconnectionReason.IVR_REACHED);
        map(Outcome.NO_ANSWER, DisconnectionReason.DIAL_NO_ANSWER);
        map(Outcome.BUSY, DisconnectionReason.DIAL_BUSY);
        map(Outcome.DECLINED, DisconnectionReason.USER_DECLINED);
        map(Outcome.INVALID_NUMBER, DisconnectionReason.INVALID_DESTINATION);
        map(Outcome.FAILED, DisconnectionReason.DIAL_FAILED, DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED,
                DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, DisconnectionReason.SIP_ROUTING_ERROR);
        map(Outcome.SPAM_FLAGGED, DisconnectionReason.MARKED_AS_SPAM, DisconnectionReason.SCAM_DETECTED);
        map(Outcome.PLATFORM_ERROR, DisconnectionReason.CONCURRENCY_LIMIT_REACHED,
                DisconnectionReason.NO_CONCURRENCY_FALLBACK, DisconnectionReason.NO_VALID_PAYMENT,
                DisconnectionReason.ERROR_LLM_WEBSOCKET_OPEN, DisconnectionReason.ERROR_LLM_WEBSOCKET_LOST_CONNECTION,
                DisconnectionReason.ERROR_LLM_WEBSOCKET_RUNTIME, DisconnectionReason.ERROR_LLM_WEBSOCKET_CORRUPT_PAYLOAD,
                DisconnectionReason.ERROR_NO_AUDIO_RECEIVED, DisconnectionReason.ERROR_ASR, DisconnectionReason.ERROR_RETELL,
                DisconnectionReason.ERROR_UNKNOWN, DisconnectionReason.ERROR_USER_NOT_JOINED,
                DisconnectionReason.REGISTERED_CALL_TIMEOUT);
    }

    private OutcomeClassifier() {
    }

    private static void map(Outcome outcome, DisconnectionReason... reasons) {
        for (DisconnectionReason reason : reasons) {
            BY_REASON.put(reason, outcome);
        }
    }

    /**
     * The outcome of an attempt, or {@code null} while it has none (no disconnection reason yet). A connected call
     * that the analysis found in voicemail counts as {@link Outcome#VOICEMAIL}.
     *
     * @param disconnectionReasonWire the reason as Retell wrote it, or {@code null}
     * @param inVoicemail             the analysis' {@code in_voicemail}, or {@code null}
     */
    public static Outcome classify(String disconnectionReasonWire, Boolean inVoicemail) {
        if (disconnectionReasonWire == null) {
            return null;
        }
        Outcome byReason = BY_REASON.get(DisconnectionReason.fromWire(disconnectionReasonWire));
        if (byReason == Outcome.CONNECTED && Boolean.TRUE.equals(inVoicemail)) {
            return Outcome.VOICEMAIL;
        }
        return byReason;
    }
}
