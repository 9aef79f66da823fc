package io.callhook.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one delivery. Adapters map outcomes to their own answers in one place (HTTP status codes, CLI
 * summary and exit code).
 */
public sealed interface IngestOutcome
        permits IngestOutcome.Accepted, IngestOutcome.Applied, IngestOutcome.Duplicate, IngestOutcome.Ignored,
        IngestOutcome.Rejected {

    /** The {@code event} name, or {@code "unknown"} when the body had none. */
    String eventName();

    /** For {@code call_inbound}: the answer to send back (also for a duplicate, so a retry gets the same answer). */
    default Optional<InboundAnswer> inboundAnswer() {
        return Optional.empty();
    }

    /**
     * The delivery was new and is stored durably; it will be applied shortly, behind the acknowledgement.
     *
     * @param eventName event name
     * @param callId    Retell call or chat id, or {@code null}
     * @param answer    the inbound answer for {@code call_inbound}, else {@code null}
     */
    record Accepted(String eventName, String callId, InboundAnswer answer) implements IngestOutcome {
        public Accepted {
            Objects.requireNonNull(eventName, "eventName");
        }

        @Override
        public Optional<InboundAnswer> inboundAnswer() {
            return Optional.ofNullable(answer);
        }
    }

    /**
     * The delivery was new and changed state.
     *
     * @param eventName event name
     * @param callId    Retell call id, or {@code null}
     * @param changes   what changed, in the order it changed
     * @param answer    the inbound answer for {@code call_inbound}, else {@code null}
     */
    record Applied(String eventName, String callId, List<Change> changes, InboundAnswer answer) implements IngestOutcome {
        public Applied {
            Objects.requireNonNull(eventName, "eventName");
            changes = List.copyOf(changes);
        }

        @Override
        public Optional<InboundAnswer> inboundAnswer() {
            return Optional.ofNullable(answer);
        }
    }

    /** The same delivery was recorded before; nothing changed. */
    record Duplicate(String eventName, String callId, InboundAnswer answer) implements IngestOutcome {
        public Duplicate {
            Objects.requireNonNull(eventName, "eventName");
        }

        @Override
        public Optional<InboundAnswer> inboundAnswer() {
            return Optional.ofNullable(answer);
        }
    }

    /** The delivery was recorded but callhook does not act on it (chat events, unrecognised events). */
    record Ignored(String eventName, String callId, String reason) implements IngestOutcome {
        public Ignored {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The delivery was recorded as unusable (malformed, missing required fields), with the reason. */
    record Rejected(String eventName, String reason) implements IngestOutcome {
        public Rejected {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One state change caused by a delivery.
     *
     * @param entity   kind of record, e.g. {@code call}, {@code contact}, {@code campaign}, {@code notification}
     * @param entityId its id
     * @param action   what happened, e.g. {@code status_changed}
     * @param before   value before, or {@code null}
     * @param after    value after, or {@code null}
     */
    record Change(String entity, String entityId, String action, String before, String after) {
    }
}
