package io.callhook.http.resources;

import io.callhook.core.port.in.CommandResult;
import io.callhook.http.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the management API answers for a command's result, in one place.
 *
 * <table>
 *   <caption>answers</caption>
 *   <tr><th>result</th><th>status</th><th>body</th></tr>
 *   <tr><td>done</td><td>201 for a creation, 200 otherwise</td><td>the view of what was created or changed</td></tr>
 *   <tr><td>invalid</td><td>422</td><td>{@code {"error":"invalid","message":"<field> <what is wrong>","field":"<field>"}}</td></tr>
 *   <tr><td>not found</td><td>404</td><td>{@code {"error":"not_found","message":"<what> does not exist."}}</td></tr>
 *   <tr><td>conflict</td><td>409</td><td>{@code {"error":"conflict","message":"<reason>"}}</td></tr>
 * </table>
 */
final class CommandAnswers {

    static final String INVALID = "invalid";

    private CommandAnswers() {
    }

    /** The answer for {@code result}; {@code done} builds the answer for a command that took effect. */
    static <T> Response answer(CommandResult<T> result, Function<T, Response> done) {
        return answer(result, invalid -> invalid(invalid.field(), invalid.field() + " " + invalid.message()), done);
    }

    /** As {@link #answer(CommandResult, Function)}, with the answer for an invalid input chosen by the caller. */
    static <T> Response answer(CommandResult<T> result, Function<CommandResult.Invalid<T>, Response> onInvalid,
                               Function<T, Response> done) {
        if (result instanceof CommandResult.Done<T> ok) {
            return done.apply(ok.value());
        }
        if (result instanceof CommandResult.Invalid<T> invalid) {
            return onInvalid.apply(invalid);
        }
        if (result instanceof CommandResult.NotFound<T> notFound) {
            return notFound(capitalise(notFound.what()) + " does not exist.");
        }
        if (result instanceof CommandResult.Conflict<T> conflict) {
            return ErrorResponses.error(409, "conflict", capitalise(conflict.reason()) + ".");
        }
        throw new IllegalStateException("unhandled command result " + result.getClass().getName());
    }

    /** 422 naming {@code field}. */
    static Response invalid(String field, String message) {
        return ErrorResponses.error(422, INVALID, message, field);
    }

    static Response notFound(String message) {
        return ErrorResponses.error(404, "not_found", message);
    }

    /** 400 for a POST that came without a body. */
    static Response missingBody() {
        return ErrorResponses.error(400, "missing_body", "This request needs a JSON body.");
    }

    private static String capitalise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
    }
}
