package io.callhook.core.campaign;

import io.callhook.core.call.Call;
import io.callhook.core.call.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign's progress counters: attempts that reached an outcome, attempts the analysis called successful, and
 * attempts per outcome. Counters are sums of per-call contributions ({@link #of(Call)}); a call event changes them by
 * the difference between the call's contribution after and before it, so each call counts exactly once however often
 * and in whatever order its events arrive, and the counters always equal their recomputation from the calls.
 *
 * @param processed  attempts with an outcome
 * @param successful attempts whose analysis says {@code call_successful = true}
 * @param byOutcome  attempts per outcome; outcomes with no attempt may be absent
 */
public record CampaignProgress(long processed, long successful, Map<Outcome, Long> byOutcome) {

    /** No attempts at all. */
    public static final CampaignProgress ZERO = new CampaignProgress(0, 0, Map.of());

    public CampaignProgress {
        Objects.requireNonNull(byOutcome, "byOutcome");
        EnumMap<Outcome, Long> nonZero = new EnumMap<>(Outcome.class);
        byOutcome.forEach((outcome, count) -> {
            if (count != 0) {
                nonZero.put(outcome, count);
            }
        });
        byOutcome = Map.copyOf(nonZero);
    }

    /** What one call adds to its campaign's counters. */
    public static CampaignProgress of(Call call) {
        Outcome outcome = call.outcome();
        if (outcome == null) {
            return Boolean.TRUE.equals(call.details().successful()) ? new CampaignProgress(0, 1, Map.of()) : ZERO;
        }
        return new CampaignProgress(1, Boolean.TRUE.equals(call.details().successful()) ? 1 : 0, Map.of(outcome, 1L));
    }

    /** Attempts with the given outcome. */
    public long count(Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    /** The sum of both. */
    public CampaignProgress plus(CampaignProgress other) {
        return combine(other, 1);
    }

    /** This minus {@code other} (a delta may be negative). */
    public CampaignProgress minus(CampaignProgress other) {
        return combine(other, -1);
    }

    /** Whether every counter is zero. */
    public boolean isZero() {
        return processed == 0 && successful == 0 && byOutcome.isEmpty();
    }

    /** The non-zero counters with their sign, e.g. {@code processed +1, successful +1, connected +1}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        appendSigned(text, "processed", processed);
        appendSigned(text, "successful", successful);
        for (Outcome outcome : Outcome.values()) {
            appendSigned(text, outcome.name().toLowerCase(java.util.Locale.ROOT), count(outcome));
        }
        return text.length() == 0 ? "no change" : text.toString();
    }

    private static void appendSigned(StringBuilder text, String name, long value) {
        if (value != 0) {
            text.append(text.length() == 0 ? "" : ", ").append(name).append(value > 0 ? " +" : " ").append(value);
        }
    }

    private CampaignProgress combine(CampaignProgress other, int sign) {
        EnumMap<Outcome, Long> sum = new EnumMap<>(Outcome.class);
        sum.putAll(byOutcome);
        other.byOutcome.forEach((outcome, count) -> sum.merge(outcome, sign * count, Long::sum));
        return new CampaignProgress(processed + sign * other.processed, successful + sign * other.successful, sum);
    }
}
