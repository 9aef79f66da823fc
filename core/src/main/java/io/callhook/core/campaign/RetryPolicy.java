package io.callhook.core.campaign;

import io.callhook.core.call.Outcome;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which attempt outcomes a campaign calls again, how often and how soon. Declined, invalid numbers and spam-flagged
 * calls are never retried, whatever the policy says: calling again would harass the callee or burn the number.
 *
 * @param retryOn     outcomes that earn another attempt
 * @param maxAttempts attempts per contact, including the first (at least 1)
 * @param delay       minimum time between the end of an attempt and the next one
 */
public record RetryPolicy(Set<Outcome> retryOn, int maxAttempts, Duration delay) {

    /** Outcomes no policy may retry. */
    public static final Set<Outcome> NEVER_RETRIED = EnumSet.of(Outcome.DECLINED, Outcome.INVALID_NUMBER,
            Outcome.SPAM_FLAGGED, Outcome.CONNECTED);

    public RetryPolicy {
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(delay, "delay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        EnumSet<Outcome> allowed = retryOn.isEmpty() ? EnumSet.noneOf(Outcome.class) : EnumSet.copyOf(retryOn);
        allowed.removeAll(NEVER_RETRIED);
        retryOn = Set.copyOf(allowed);
    }

    /** Retry no-answer, busy, dial failures and platform errors; not voicemail; 3 attempts, 1 hour apart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(EnumSet.of(Outcome.NO_ANSWER, Outcome.BUSY, Outcome.FAILED, Outcome.PLATFORM_ERROR), 3,
                Duration.ofHours(1));
    }

    /** Whether an attempt with this outcome earns another one (attempt limits aside). */
    public boolean retries(Outcome outcome) {
        return retryOn.contains(outcome);
    }
}
