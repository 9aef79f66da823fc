package io.callhook.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.input.RecordedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Puts recorded events in replay order ({@code --order}).
 *
 * <p><b>Timestamp order</b> is a stable sort on (event time, lifecycle rank), where
 * <ul>
 *   <li>the event time is the envelope's {@code event_timestamp}; without it, it comes from the payload object
 *       ({@code call}, {@code chat}, ...): {@code transfer_end_timestamp} for {@code transfer_ended}, {@code end_timestamp}
 *       for {@code *_ended} and {@code *_analyzed}, falling back to {@code start_timestamp} (and {@code start_timestamp}
 *       for every other event);</li>
 *   <li>the lifecycle rank breaks ties: inbound &lt; started &lt; {@code transcript_updated} &lt; {@code transfer_*}
 *       (started &lt; bridged &lt; cancelled &lt; ended) &lt; ended &lt; analyzed &lt; anything else;</li>
 *   <li>equal keys keep their input order;</li>
 *   <li>events with no time at all (no timestamps, or a body that is not JSON) <b>stay at their input position</b>; the
 *       timed events are sorted into the remaining positions. So untimed events keep their order relative to each other
 *       and to the input.</li>
 * </ul>
 *
 * <p><b>Shuffle</b> is {@link Collections#shuffle(List, Random)} with {@code new Random(seed)}: the same seed and the same
 * input give the same order on every run and JVM.
 */
public final class EventOrdering {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int UNKNOWN_RANK = 100;
    private static final Map<String, Integer> RANKS = Map.ofEntries(
            Map.entry("call_inbound", 0), Map.entry("chat_inbound", 0),
            Map.entry("call_started", 10), Map.entry("chat_started", 10),
            Map.entry("transcript_updated", 20),
            Map.entry("transfer_started", 30), Map.entry("transfer_bridged", 31),
            Map.entry("transfer_cancelled", 32), Map.entry("transfer_ended", 33),
            Map.entry("call_ended", 40), Map.entry("chat_ended", 40),
            Map.entry("call_analyzed", 50), Map.entry("chat_analyzed", 50));
    private static final List<String> PAYLOAD_KEYS = List.of("call", "chat", "call_inbound", "chat_inbound");

    private EventOrdering() {
    }

    /** {@code events} in the given order; {@code seed} is used only for {@link EventOrder#SHUFFLE}. */
    public static List<RecordedEvent> order(List<RecordedEvent> events, EventOrder order, long seed) {
        switch (order) {
            case TIMESTAMP:
                return byTimestamp(events);
            case SHUFFLE:
                return shuffled(events, seed);
            default:
                return List.copyOf(events);
        }
    }

    /** Stable sort by event time and lifecycle rank; untimed events stay where they are (see class comment). */
    public static List<RecordedEvent> byTimestamp(List<RecordedEvent> events) {
        List<Keyed> timed = new ArrayList<>();
        List<Integer> timedSlots = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SortKey key = sortKey(events.get(i).body());
            if (key != null) {
                timed.add(new Keyed(events.get(i), key));
                timedSlots.add(i);
            }
        }
        timed.sort(Comparator.comparing(Keyed::key)); // List.sort is stable
        List<RecordedEvent> ordered = new ArrayList<>(events);
        for (int i = 0; i < timed.size(); i++) {
            ordered.set(timedSlots.get(i), timed.get(i).event());
        }
        return List.copyOf(ordered);
    }

    /** A reproducible permutation: {@code Collections.shuffle(copy, new Random(seed))}. */
    public static List<RecordedEvent> shuffled(List<RecordedEvent> events, long seed) {
        List<RecordedEvent> copy = new ArrayList<>(events);
        Collections.shuffle(copy, new Random(seed));
        return List.copyOf(copy);
    }

    /** Position of an event name in a call's lifecycle, for tie-breaking and for summary rows. */
    public static int lifecycleRank(String eventName) {
        return eventName == null ? UNKNOWN_RANK : RANKS.getOrDefault(eventName, UNKNOWN_RANK);
    }

    /**
     * The sort key of a body, or {@code null} when it has no usable time.
     *
     * @param body exact webhook body bytes
     */
    static SortKey sortKey(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        String event = root.path("event").isTextual() ? root.get("event").textValue() : null;
        Long time = millis(root.get("event_timestamp"));
        if (time == null) {
            time = payloadTime(root, event);
        }
        return time == null ? null : new SortKey(time, lifecycleRank(event));
    }

    private static Long payloadTime(JsonNode root, String event) {
        JsonNode payload = null;
        for (String key : PAYLOAD_KEYS) {
            if (root.path(key).isObject()) {
                payload = root.get(key);
                break;
            }
        }
        if (payload == null) {
            return null;
        }
        Long start = millis(payload.get("start_timestamp"));
        Long end = millis(payload.get("end_timestamp"));
        if ("transfer_ended".equals(event)) {
            Long transferEnd = millis(payload.get("transfer_end_timestamp"));
            return firstNonNull(transferEnd, end, start);
        }
        if (event != null && (event.endsWith("_ended") || event.endsWith("_analyzed"))) {
            return firstNonNull(end, start);
        }
        return start;
    }

    private static Long millis(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        return node.longValue();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Event time in epoch milliseconds, then lifecycle rank. */
    record SortKey(long time, int rank) implements Comparable<SortKey> {
        @Override
        public int compareTo(SortKey other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Integer.compare(rank, other.rank);
        }
    }

    private record Keyed(RecordedEvent event, SortKey key) {
    }
}
