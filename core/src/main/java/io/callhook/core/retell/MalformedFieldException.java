package io.callhook.core.retell;

/**
 * Internal signal of {@link RetellEventParser}: one field of the body is unusable. It never leaves the parser, which
 * turns it into {@link ParseResult.Malformed}; hence no stack trace (it is control flow, not a bug report).
 */
final class MalformedFieldException extends RuntimeException {

    private final String fieldPath;

    MalformedFieldException(String fieldPath, String message) {
        super(message, null, false, false);
        this.fieldPath = fieldPath;
    }

    String fieldPath() {
        return fieldPath;
    }
}
