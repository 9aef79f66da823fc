package io.callhook.core.retell;

import java.util.Objects;

/** What {@link RetellEventParser#parse(byte[])} made of a body: an event, or a typed failure naming the field. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Malformed {

    /** The body is a usable event. */
    record Parsed(RetellEvent event) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The body cannot be used.
     *
     * @param fieldPath JSON path of the offending field, e.g. {@code call.call_id}, or {@code $} for the whole body
     * @param message   what is wrong, in words fit for an operator (never a stack trace or class name)
     */
    record Malformed(String fieldPath, String message) implements ParseResult {
        public Malformed {
            Objects.requireNonNull(fieldPath, "fieldPath");
            Objects.requireNonNull(message, "message");
        }

        /** {@code fieldPath: message}, for logs and stored rejection reasons. */
        public String describe() {
            return fieldPath + ": " + message;
        }
    }
}
