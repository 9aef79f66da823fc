package io.callhook.core.retell;

/** An event about one call, carrying Retell's call object as it was when the event fired. */
public sealed interface CallEvent extends RetellEvent
        permits CallStarted, CallEnded, CallAnalyzed, TranscriptUpdated, TransferEvent {

    /** The call object of the delivery; never {@code null} and always with a {@code call_id}. */
    CallSnapshot call();
}
