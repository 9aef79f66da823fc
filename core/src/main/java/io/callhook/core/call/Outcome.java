package io.callhook.core.call;

/**
 * What one call attempt achieved, classified from Retell's {@code disconnection_reason} and {@code in_voicemail} (never
 * from {@code call_status}, whose meaning Retell has changed). See {@link OutcomeClassifier}.
 */
public enum Outcome {
    /** A person was reached. */
    CONNECTED,
    /** Voicemail or an IVR answered. */
    VOICEMAIL,
    NO_ANSWER,
    BUSY,
    /** The callee declined the call. */
    DECLINED,
    INVALID_NUMBER,
    /** Telephony, SIP or dial failure. */
    FAILED,
    /** Flagged as spam or scam; never retried. */
    SPAM_FLAGGED,
    /** Retell or its providers failed (errors, concurrency limit, payment). */
    PLATFORM_ERROR,
    /** A disconnection reason this version does not know. */
    OTHER
}
