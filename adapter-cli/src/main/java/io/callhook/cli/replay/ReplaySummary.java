package io.callhook.cli.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.cli.ExitCodes;
import io.callhook.cli.input.InputProblem;
import io.callhook.cli.input.Origin;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a replay did: counts per event type and {@link ReplayOutcome}, the first errors with their {@link Origin}, the
 * elapsed time and throughput. Rendered as an aligned text table or as JSON ({@code --output json}).
 *
 * <p>Safe to update from several threads.
 */
public final class ReplaySummary {

    /** How many errors are kept by default; the rest are only counted. */
    public static final int DEFAULT_MAX_ERRORS = 10;
    /** The row under which unreadable input ({@link InputProblem}) is counted, as {@link ReplayOutcome#FAILED}. */
    public static final String INPUT_ROW = "(unreadable)";
    /** The row of events whose type could not be determined. */
    public static final String UNKNOWN_TYPE = "unknown";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Clock clock;
    private final int maxErrors;
    private final Instant startedAt;
    private final Map<String, EnumMap<ReplayOutcome, Long>> counts = new TreeMap<>();
    private final List<ReplayError> firstErrors = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private long errorCount;
    private Instant finishedAt;

    /** One rejected or failed event. */
    public record ReplayError(Origin origin, String eventType, ReplayOutcome outcome, String message) {
        public ReplayError {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }

        /** {@code calls.ndjson:17 call_ended rejected: bad signature}. */
        public String describe() {
            return origin + " " + eventType + " " + outcome.label() + ": " + message;
        }
    }

    /** Starts the clock now, keeping {@link #DEFAULT_MAX_ERRORS} errors. */
    public ReplaySummary(Clock clock) {
        this(clock, DEFAULT_MAX_ERRORS);
    }

    /** Starts the clock now, keeping the first {@code maxErrors} errors. */
    public ReplaySummary(Clock clock, int maxErrors) {
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors must not be negative: " + maxErrors);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxErrors = maxErrors;
        this.startedAt = clock.instant();
    }

    /** Counts one event; for rejected or failed events prefer {@link #error}, which keeps the reason. */
    public synchronized void record(String eventType, ReplayOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        String type = eventType == null || eventType.isBlank() ? UNKNOWN_TYPE : eventType;
        counts.computeIfAbsent(type, t -> new EnumMap<>(ReplayOutcome.class)).merge(outcome, 1L, Long::sum);
    }

    /** Counts one rejected or failed event and keeps the reason if fewer than the maximum are kept so far. */
    public synchronized void error(Origin origin, String eventType, ReplayOutcome outcome, String message) {
        if (!outcome.isError()) {
            throw new IllegalArgumentException(outcome + " is not an error");
        }
        String type = eventType == null || eventType.isBlank() ? UNKNOWN_TYPE : eventType;
        record(type, outcome);
        errorCount++;
        if (firstErrors.size() < maxErrors) {
            firstErrors.add(new ReplayError(origin, type, outcome, message));
        }
    }

    /** Counts input that could not be read as {@link ReplayOutcome#FAILED} in the {@link #INPUT_ROW} row. */
    public void inputProblem(InputProblem problem) {
        error(problem.origin(), INPUT_ROW, ReplayOutcome.FAILED, problem.message());
    }

    /** A fact about the run shown with the summary, e.g. {@code order=shuffle}, {@code seed=42}, {@code dryRun=true}. */
    public synchronized void note(String key, String value) {
        notes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    /** Stops the clock; later calls keep the first finish time. */
    public synchronized void finish() {
        if (finishedAt == null) {
            finishedAt = clock.instant();
        }
    }

    /** Events counted, all outcomes. */
    public synchronized long total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Events with this outcome, all types. */
    public synchronized long count(ReplayOutcome outcome) {
        return counts.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    /** Events of this type with this outcome. */
    public synchronized long count(String eventType, ReplayOutcome outcome) {
        EnumMap<ReplayOutcome, Long> row = counts.get(eventType);
        return row == null ? 0 : row.getOrDefault(outcome, 0L);
    }

    /** The event types seen, in lifecycle order (then by name), unreadable input last. */
    public synchronized List<String> eventTypes() {
        List<String> types = new ArrayList<>(counts.keySet());
        types.sort(Comparator.comparing((String t) -> t.equals(INPUT_ROW))
                .thenComparing(EventOrdering::lifecycleRank)
                .thenComparing(Comparator.naturalOrder()));
        return types;
    }

    /** The errors kept (at most the maximum given at construction), in the order they happened. */
    public synchronized List<ReplayError> firstErrors() {
        return List.copyOf(firstErrors);
    }

    /** All rejected and failed events, including those not kept. */
    public synchronized long errorCount() {
        return errorCount;
    }

    /** Since construction until {@link #finish()} (or until now while running). */
    public synchronized Duration elapsed() {
        return Duration.between(startedAt, finishedAt != null ? finishedAt : clock.instant());
    }

    /** Events per second over {@link #elapsed()}; {@code 0} when no time has passed. */
    public synchronized double eventsPerSecond() {
        long millis = elapsed().toMillis();
        return millis <= 0 ? 0 : total() * 1000.0 / millis;
    }

    /** Whether every event was applied, a duplicate or ignored. */
    public synchronized boolean allSucceeded() {
        return count(ReplayOutcome.REJECTED) == 0 && count(ReplayOutcome.FAILED) == 0;
    }

    /** {@link ExitCodes#OK} when {@link #allSucceeded()}, else {@link ExitCodes#SOME_EVENTS_FAILED}. */
    public int exitCode() {
        return allSucceeded() ? ExitCodes.OK : ExitCodes.SOME_EVENTS_FAILED;
    }

    /**
     * An aligned table, one row per event type and a total row, then time, throughput, notes and the first errors:
     * <pre>
     * event type      applied  duplicate  ignored  rejected  failed  total
     * call_started          1          0        0         0       0      1
     * total                 1          0        0         0       0      1
     * </pre>
     */
    public synchronized String renderText() {
        List<String> header = new ArrayList<>();
        header.add("event type");
        for (ReplayOutcome outcome : ReplayOutcome.values()) {
            header.add(outcome.label());
        }
        header.add("total");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (String type : eventTypes()) {
            rows.add(row(type, counts.get(type)));
        }
        EnumMap<ReplayOutcome, Long> totals = new EnumMap<>(ReplayOutcome.class);
        for (ReplayOutcome outcome : ReplayOutcome.values()) {
            totals.put(outcome, count(outcome));
        }
        rows.add(row("total", totals));

        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i == 0) {
                    line.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", row.get(0)));
                } else {
                    line.append("  ").append(String.format(Locale.ROOT, "%" + widths[i] + "s", row.get(i)));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        text.append('\n').append(String.format(Locale.ROOT, "%d events in %s (%.1f events/s)\n",
                total(), formatDuration(elapsed()), eventsPerSecond()));
        for (Map.Entry<String, String> note : notes.entrySet()) {
            text.append(note.getKey()).append(": ").append(note.getValue()).append('\n');
        }
        if (errorCount > 0) {
            text.append('\n');
            text.append(errorCount > firstErrors.size()
                    ? "First " + firstErrors.size() + " of " + errorCount + " errors:\n"
                    : (errorCount == 1 ? "Error:\n" : "Errors:\n"));
            for (ReplayError error : firstErrors) {
                text.append("  ").append(error.describe()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The same facts as JSON: {@code total}, {@code byEventType} (type → outcome → count), {@code errorCount},
     * {@code errors} (the first ones, with {@code origin}, {@code file}, {@code line}, {@code index}), {@code elapsedMillis},
     * {@code eventsPerSecond} and {@code notes}.
     */
    public synchronized String renderJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode total = root.putObject("total");
        for (ReplayOutcome outcome : ReplayOutcome.values()) {
            total.put(outcome.label(), count(outcome));
        }
        total.put("events", total());
        ObjectNode byType = root.putObject("byEventType");
        for (String type : eventTypes()) {
            ObjectNode row = byType.putObject(type);
            for (ReplayOutcome outcome : ReplayOutcome.values()) {
                row.put(outcome.label(), counts.get(type).getOrDefault(outcome, 0L));
            }
        }
        root.put("errorCount", errorCount);
        ArrayNode errors = root.putArray("errors");
        for (ReplayError error : firstErrors) {
            ObjectNode e = errors.addObject();
            e.put("origin", error.origin().toString());
            e.put("file", error.origin().file());
            if (error.origin().line() > 0) {
                e.put("line", error.origin().line());
            }
            if (error.origin().index() >= 0) {
                e.put("index", error.origin().index());
            }
            e.put("eventType", error.eventType());
            e.put("outcome", error.outcome().label());
            e.put("message", error.message());
        }
        root.put("elapsedMillis", elapsed().toMillis());
        root.put("eventsPerSecond", Math.round(eventsPerSecond() * 10) / 10.0);
        ObjectNode notesNode = root.putObject("notes");
        notes.forEach(notesNode::put);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(String label, Map<ReplayOutcome, Long> values) {
        List<String> row = new ArrayList<>();
        row.add(label);
        long sum = 0;
        for (ReplayOutcome outcome : ReplayOutcome.values()) {
            long value = values.getOrDefault(outcome, 0L);
            sum += value;
            row.add(Long.toString(value));
        }
        row.add(Long.toString(sum));
        return Collections.unmodifiableList(row);
    }

    private static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, (millis / 1000) % 60);
    }
}
