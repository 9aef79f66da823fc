package io.callhook.http.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every error answer: a stable machine-readable {@code error} code, a short human {@code message}, and
 * for a refused input the {@code field} (or query parameter, or CSV line) it is about. None of them ever carries a stack
 * trace, class name, SQL or file path.
 *
 * @param field the offending input as the caller wrote it (e.g. {@code calling_window.zone}, {@code limit},
 *              {@code line 4}), left out when the error is not about one input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String field) {

    public ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
