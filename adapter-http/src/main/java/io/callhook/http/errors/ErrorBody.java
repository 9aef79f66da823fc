package io.callhook.http.errors;

/**
 * The JSON body of every error answer: a stable machine-readable {@code error} code and a short human {@code message}.
 * Neither ever carries a stack trace, class name, SQL or file path.
 */
public record ErrorBody(String error, String message) {
}
