package io.callhook.cli.replay;

import io.callhook.cli.input.InputItem;
import io.callhook.cli.input.InputProblem;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.retell.EventNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a replay: reads the input items, reports unreadable ones and carries on, checks signatures ({@code --verify}),
 * puts events in the requested order, hands them to the {@link ReplayTarget} in batches, and counts every result in the
 * {@link ReplaySummary} while advancing the {@link Progress}.
 *
 * <p>In {@link EventOrder#FILE} order the input is streamed (one batch in memory); the other orders read all events
 * first. Unreadable input is reported where it is met, before the events are ordered.
 */
public final class Replayer {

    private final ReplayTarget target;
    private final SignatureGate gate;
    private final ReplaySummary summary;
    private final Progress progress;
    private final EventOrder order;
    private final long seed;
    private final List<RecordedEvent> batch = new ArrayList<>();

    /**
     * @param target   where events go
     * @param gate     {@code --verify}, or {@code null}
     * @param summary  counts results
     * @param progress shows progress
     * @param order    replay order
     * @param seed     for {@link EventOrder#SHUFFLE}
     */
    public Replayer(ReplayTarget target, SignatureGate gate, ReplaySummary summary, Progress progress, EventOrder order,
                    long seed) {
        this.target = Objects.requireNonNull(target, "target");
        this.gate = gate;
        this.summary = Objects.requireNonNull(summary, "summary");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.order = Objects.requireNonNull(order, "order");
        this.seed = seed;
    }

    /**
     * Replays everything {@code items} yields.
     *
     * @return empty when every item was handled, or why the replay stopped early (the target went away); the summary
     *         then counts the events of the interrupted batch that were not replayed as failed
     */
    public Optional<TargetUnavailableException> run(Iterator<InputItem> items) {
        try {
            if (order == EventOrder.FILE) {
                while (items.hasNext()) {
                    handle(items.next());
                }
            } else {
                List<RecordedEvent> events = new ArrayList<>();
                long problems = 0;
                while (items.hasNext()) {
                    InputItem item = items.next();
                    if (item instanceof RecordedEvent event) {
                        events.add(event);
                    } else {
                        handle(item);
                        problems++;
                    }
                }
                progress.expect(problems + events.size());
                for (RecordedEvent event : EventOrdering.order(events, order, seed)) {
                    handle(event);
                }
            }
            flush();
            return Optional.empty();
        } catch (TargetUnavailableException e) {
            return Optional.of(e);
        }
    }

    private void handle(InputItem item) throws TargetUnavailableException {
        if (item instanceof InputProblem problem) {
            summary.inputProblem(problem);
            progress.step();
            return;
        }
        RecordedEvent event = (RecordedEvent) item;
        if (gate != null) {
            Optional<String> refusal = gate.refusal(event);
            if (refusal.isPresent()) {
                summary.error(event.origin(), EventNames.of(event.body()), ReplayOutcome.REJECTED, refusal.get());
                progress.step();
                return;
            }
        }
        batch.add(event);
        if (batch.size() >= target.preferredBatchSize()) {
            flush();
        }
    }

    private void flush() throws TargetUnavailableException {
        if (batch.isEmpty()) {
            return;
        }
        List<RecordedEvent> events = List.copyOf(batch);
        batch.clear();
        List<EventResult> results;
        try {
            results = target.replay(events);
        } catch (TargetUnavailableException e) {
            List<EventResult> completed = e.completed();
            for (int i = 0; i < events.size(); i++) {
                RecordedEvent event = events.get(i);
                record(event, i < completed.size() ? completed.get(i)
                        : EventResult.failed(EventNames.of(event.body()), "not replayed: " + e.getMessage()));
            }
            progress.advance(events.size());
            throw e;
        }
        if (results.size() != events.size()) {
            throw new IllegalStateException("target answered " + results.size() + " results for " + events.size()
                    + " events");
        }
        for (int i = 0; i < events.size(); i++) {
            record(events.get(i), results.get(i));
        }
        progress.advance(events.size());
    }

    private void record(RecordedEvent event, EventResult result) {
        if (result.outcome().isError()) {
            summary.error(event.origin(), result.eventType(), result.outcome(), result.message());
        } else {
            summary.record(result.eventType(), result.outcome());
        }
    }
}
