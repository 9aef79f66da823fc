package io.callhook.cli.replay;

import java.util.Objects;

/**
 * What a target did with one event.
 *
 * @param eventType the {@code event} name, or {@code null} when unknown
 * @param outcome   the summary column
 * @param message   why, for rejected and failed events ({@code null} otherwise)
 */
public record EventResult(String eventType, ReplayOutcome outcome, String message) {

    public EventResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.isError() && (message == null || message.isBlank())) {
            throw new IllegalArgumentException("a " + outcome.label() + " event needs a reason");
        }
    }

    public static EventResult of(String eventType, ReplayOutcome outcome) {
        return new EventResult(eventType, outcome, null);
    }

    public static EventResult failed(String eventType, String message) {
        return new EventResult(eventType, ReplayOutcome.FAILED, message);
    }

    public static EventResult rejected(String eventType, String message) {
        return new EventResult(eventType, ReplayOutcome.REJECTED, message);
    }
}
