package io.callhook.core.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the appliers treat an event that fails to apply, and a claim whose applier went away.
 *
 * @param maxAttempts  attempts to apply an event before it is marked dead
 * @param firstRetry   wait before the second attempt; doubled for each further one
 * @param maxRetry     the longest wait between attempts
 * @param reclaimAfter a claim older than this is taken over by another applier (its process died mid-batch)
 */
public record ApplyPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry, Duration reclaimAfter) {

    /** Ten attempts, one second apart at first and at most ten minutes; claims taken over after two minutes. */
    public static final ApplyPolicy DEFAULT =
            new ApplyPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMinutes(2));

    public ApplyPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        Objects.requireNonNull(reclaimAfter, "reclaimAfter");
        if (firstRetry.isNegative() || maxRetry.isNegative() || reclaimAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** This policy with another number of attempts. */
    public ApplyPolicy withMaxAttempts(int attempts) {
        return new ApplyPolicy(attempts, firstRetry, maxRetry, reclaimAfter);
    }

    /**
     * The wait after failed attempt number {@code attempt} (1-based): exponential, capped, with "equal jitter" (between
     * half and all of it), so events that failed together do not all come back at the same instant.
     */
    public Duration backoff(int attempt) {
        long ceiling = firstRetry.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        ceiling = Math.min(Math.max(ceiling, 0), maxRetry.toMillis());
        if (ceiling <= 1) {
            return Duration.ofMillis(ceiling);
        }
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
