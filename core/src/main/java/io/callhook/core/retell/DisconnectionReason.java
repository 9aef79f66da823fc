package io.callhook.core.retell;

import java.util.Locale;

/**
 * Retell's {@code disconnection_reason} (34 values in SDK 5.66.1, plus {@code call_take_over}). The list grows with
 * Retell releases, so values this version does not know become {@link #OTHER}; the wire string is kept beside it in
 * {@link CallSnapshot#disconnectionReasonWire()}.
 */
public enum DisconnectionReason {
    // ended
    USER_HANGUP, AGENT_HANGUP, CALL_TRANSFER, VOICEMAIL_REACHED, IVR_REACHED, INACTIVITY, MAX_DURATION_REACHED,
    NO_CONCURRENCY_FALLBACK, TRANSFER_BRIDGED, TRANSFER_CANCELLED, MANUAL_STOPPED, CALL_TAKE_OVER,
    // not_connected
    DIAL_BUSY, DIAL_FAILED, DIAL_NO_ANSWER, INVALID_DESTINATION, TELEPHONY_PROVIDER_PERMISSION_DENIED,
    TELEPHONY_PROVIDER_UNAVAILABLE, SIP_ROUTING_ERROR, MARKED_AS_SPAM, USER_DECLINED,
    // error
    CONCURRENCY_LIMIT_REACHED, NO_VALID_PAYMENT, SCAM_DETECTED, ERROR_LLM_WEBSOCKET_OPEN,
    ERROR_LLM_WEBSOCKET_LOST_CONNECTION, ERROR_LLM_WEBSOCKET_RUNTIME, ERROR_LLM_WEBSOCKET_CORRUPT_PAYLOAD,
    ERROR_NO_AUDIO_RECEIVED, ERROR_ASR, ERROR_RETELL, ERROR_UNKNOWN, ERROR_USER_NOT_JOINED, REGISTERED_CALL_TIMEOUT,
    /** A reason this version does not know. */
    OTHER;

    private static final WireEnum<DisconnectionReason> WIRE =
            new WireEnum<>(DisconnectionReason.class, DisconnectionReason::wire, OTHER);

    /** The value as Retell writes it, e.g. {@code dial_no_answer}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Never fails: unknown values map to {@link #OTHER}. */
    public static DisconnectionReason fromWire(String value) {
        return WIRE.of(value);
    }
}
