package io.callhook.cli.input;

import java.util.Objects;

/**
 * Input that could not be read as an event: an invalid JSON line, an unreadable file, an unknown extension, a truncated
 * array. Reading goes on after it (next line, or next file when the rest of this one cannot be trusted).
 *
 * @param origin  where the problem is
 * @param message what is wrong, in words for an operator (no class names, no stack trace)
 */
public record InputProblem(Origin origin, String message) implements InputItem {

    public InputProblem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /** {@code calls.ndjson:17: invalid JSON: ...}. */
    public String describe() {
        return origin + ": " + message;
    }
}
