package io.callhook.cli.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.input.Origin;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.cli.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventOrderingTest {

    private static RecordedEvent fixture(String name) {
        return new RecordedEvent(Fixtures.bytes(name), null, Origin.ofFile(name));
    }

    private static RecordedEvent body(String label, String json) {
        return new RecordedEvent(json.getBytes(UTF_8), null, Origin.ofFile(label));
    }

    private static List<String> labels(List<RecordedEvent> events) {
        return events.stream().map(e -> e.origin().file()).collect(Collectors.toList());
    }

    @Test
    void timestampOrderRestoresTheEmissionOrderOfAShuffledLifecycle() {
        List<String> emission = Fixtures.transferLifecycle();
        List<RecordedEvent> shuffled = new ArrayList<>();
        for (int i : new int[] {5, 3, 0, 4, 2, 1}) {
            shuffled.add(fixture(emission.get(i)));
        }

        assertThat(labels(EventOrdering.order(shuffled, EventOrder.TIMESTAMP, 0))).containsExactlyElementsOf(emission);
    }

    @Test
    void equalTimesAreOrderedByLifecycleRank() {
        List<RecordedEvent> events = List.of(
                body("analyzed", "{\"event\":\"call_analyzed\",\"event_timestamp\":5}"),
                body("ended", "{\"event\":\"call_ended\",\"event_timestamp\":5}"),
                body("transfer", "{\"event\":\"transfer_started\",\"event_timestamp\":5}"),
                body("transcript", "{\"event\":\"transcript_updated\",\"event_timestamp\":5}"),
                body("started", "{\"event\":\"call_started\",\"event_timestamp\":5}"),
                body("inbound", "{\"event\":\"call_inbound\",\"event_timestamp\":5}"),
                body("future", "{\"event\":\"call_something_new\",\"event_timestamp\":5}"));

        assertThat(labels(EventOrdering.byTimestamp(events)))
                .containsExactly("inbound", "started", "transcript", "transfer", "ended", "analyzed", "future");
    }

    @Test
    void withoutEventTimestampTheCallsStartAndEndTimesAreUsed() {
        List<RecordedEvent> events = List.of(
                body("analyzed", "{\"event\":\"call_analyzed\",\"call\":{\"start_timestamp\":100,\"end_timestamp\":200}}"),
                body("transfer-ended", "{\"event\":\"transfer_ended\",\"call\":{\"start_timestamp\":100,\"end_timestamp\":200,\"transfer_end_timestamp\":300}}"),
                body("ended", "{\"event\":\"call_ended\",\"call\":{\"start_timestamp\":100,\"end_timestamp\":200}}"),
                body("other-call", "{\"event\":\"call_started\",\"event_timestamp\":150}"),
                body("started", "{\"event\":\"call_started\",\"call\":{\"start_timestamp\":100}}"));

        assertThat(labels(EventOrdering.byTimestamp(events)))
                .containsExactly("started", "other-call", "ended", "analyzed", "transfer-ended");
    }

    @Test
    void eventsWithoutAnyTimeStayWhereTheyWere() {
        List<RecordedEvent> events = List.of(
                body("t30", "{\"event\":\"call_ended\",\"event_timestamp\":30}"),
                body("untimed-1", "{\"event\":\"chat_ended\",\"chat\":{}}"),
                body("t10", "{\"event\":\"call_started\",\"event_timestamp\":10}"),
                body("not-json", "oops"),
                body("t20", "{\"event\":\"call_ended\",\"event_timestamp\":20}"),
                body("untimed-2", "{\"event\":\"call_started\"}"));

        assertThat(labels(EventOrdering.byTimestamp(events)))
                .containsExactly("t10", "untimed-1", "t20", "not-json", "t30", "untimed-2");
    }

    @Test
    void equalKeysKeepTheirInputOrder() {
        List<RecordedEvent> events = IntStream.range(0, 20)
                .mapToObj(i -> body("e" + i, "{\"event\":\"call_ended\",\"event_timestamp\":7}"))
                .collect(Collectors.toList());

        assertThat(EventOrdering.byTimestamp(events)).containsExactlyElementsOf(events);
    }

    @Test
    void shuffleIsReproducibleWithTheSameSeed() {
        List<RecordedEvent> events = IntStream.range(0, 50)
                .mapToObj(i -> body("e" + i, "{}"))
                .collect(Collectors.toList());

        List<RecordedEvent> first = EventOrdering.order(events, EventOrder.SHUFFLE, 42);
        List<RecordedEvent> again = EventOrdering.order(events, EventOrder.SHUFFLE, 42);
        List<RecordedEvent> otherSeed = EventOrdering.order(events, EventOrder.SHUFFLE, 43);

        assertThat(first).isEqualTo(again).containsExactlyInAnyOrderElementsOf(events).isNotEqualTo(events);
        assertThat(otherSeed).isNotEqualTo(first);
        List<RecordedEvent> expected = new ArrayList<>(events);
        java.util.Collections.shuffle(expected, new java.util.Random(42));
        assertThat(first).isEqualTo(expected);
    }

    @Test
    void fileOrderKeepsTheInputOrder() {
        List<RecordedEvent> events = List.of(body("b", "{\"event_timestamp\":2}"), body("a", "{\"event_timestamp\":1}"));

        assertThat(EventOrdering.order(events, EventOrder.FILE, 0)).containsExactlyElementsOf(events);
    }

    @Test
    void orderNamesAreLowerCaseOnTheCommandLine() {
        assertThat(EventOrder.values()).extracting(Object::toString).containsExactly("file", "timestamp", "shuffle");
    }
}
