package io.callhook.core.port.in;

import java.util.Objects;

/**
 * The answer to a management command: done, or refused with a reason the caller can act on. Adapters map each kind to
 * their own answer (HTTP 201/422/404/409, CLI messages).
 */
public sealed interface CommandResult<T>
        permits CommandResult.Done, CommandResult.Invalid, CommandResult.NotFound, CommandResult.Conflict {

    /** The command took effect. */
    record Done<T>(T value) implements CommandResult<T> {
        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An input is invalid.
     *
     * @param field   the input's name as the caller wrote it, e.g. {@code calling_window.zone} or {@code contacts[2].phone_number}
     * @param message what is wrong with it
     */
    record Invalid<T>(String field, String message) implements CommandResult<T> {
        public Invalid {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Something the command refers to does not exist (or belongs to another organisation). */
    record NotFound<T>(String what) implements CommandResult<T> {
        public NotFound {
            Objects.requireNonNull(what, "what");
        }
    }

    /** The command contradicts the current state (an illegal status change, a duplicate). */
    record Conflict<T>(String reason) implements CommandResult<T> {
        public Conflict {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Re-types a refusal for a command with another result type; a {@link Done} cannot be re-typed. */
    @SuppressWarnings("unchecked")
    default <U> CommandResult<U> refusal() {
        if (this instanceof Done) {
            throw new IllegalStateException("a done result is not a refusal");
        }
        return (CommandResult<U>) this;
    }
}
