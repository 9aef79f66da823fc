package io.callhook.cli.replay;

import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.retell.EventNames;
import io.callhook.core.retell.ParseResult;
import io.callhook.core.retell.RetellEventParser;
import java.util.List;

/**
 * The target of {@code --url ... --dry-run}: sends nothing. Each event is parsed with the server's parser: one that
 * does not parse is {@link ReplayOutcome#REJECTED} (the server would store it as rejected), any other is counted as
 * {@link ReplayOutcome#APPLIED}, meaning "would be sent" (whether the server already has it cannot be known without
 * asking it).
 */
public final class PredictingTarget implements ReplayTarget {

    private final RetellEventParser parser = new RetellEventParser();

    @Override
    public int preferredBatchSize() {
        return 500;
    }

    @Override
    public List<EventResult> replay(List<RecordedEvent> batch) {
        return batch.stream().map(this::predict).toList();
    }

    private EventResult predict(RecordedEvent event) {
        ParseResult parsed = parser.parse(event.body());
        if (parsed instanceof ParseResult.Malformed malformed) {
            return EventResult.rejected(EventNames.of(event.body()), malformed.describe());
        }
        return EventResult.of(((ParseResult.Parsed) parsed).event().name(), ReplayOutcome.APPLIED);
    }
}
