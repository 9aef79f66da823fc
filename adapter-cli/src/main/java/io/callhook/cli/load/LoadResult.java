package io.callhook.cli.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the measured part of a load run (after the warm-up) amounted to.
 *
 * @param mode               how it sent
 * @param events             deliveries sent and answered (or failed) in the measured part
 * @param seconds            length of the measured part, from the end of the warm-up to the last answer
 * @param statuses           answers by HTTP status ({@code "204"}, {@code "503"}, ...), and {@value #NO_ANSWER} for
 *                           deliveries that got none (refused, timed out, connection lost)
 * @param latency            latency percentiles
 * @param ranOutOfDeliveries whether every pre-generated delivery was sent before the run's time was up
 */
public record LoadResult(LoadMode mode, long events, double seconds, SortedMap<String, Long> statuses, Latency latency,
                         boolean ranOutOfDeliveries) {

    /** The status key of deliveries that got no HTTP answer. */
    public static final String NO_ANSWER = "no_answer";

    public LoadResult {
        Objects.requireNonNull(mode, "mode");
        statuses = new TreeMap<>(statuses);
        Objects.requireNonNull(latency, "latency");
    }

    /** Deliveries answered per second in the measured part. */
    public double eventsPerSecond() {
        return seconds <= 0 ? 0 : events / seconds;
    }

    /** Whether every measured delivery was answered 2xx. */
    public boolean allSucceeded() {
        return statuses.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || e.getKey().length() == 3 && e.getKey().charAt(0) == '2');
    }

    @Override
    public SortedMap<String, Long> statuses() {
        return new TreeMap<>(statuses);
    }

    /** Latency in milliseconds, measured from send (closed loop) or from the scheduled send time (open loop). */
    public record Latency(double p50, double p90, double p99, double p999, double max) {

        static final Latency NONE = new Latency(0, 0, 0, 0, 0);

        /** Percentile name → value, in the order printed. */
        public Map<String, Double> byName() {
            Map<String, Double> named = new LinkedHashMap<>();
            named.put("p50", p50);
            named.put("p90", p90);
            named.put("p99", p99);
            named.put("p99.9", p999);
            named.put("max", max);
            return named;
        }
    }
}
