package io.callhook.http.errors;

import java.util.Objects;

/**
 * A query or path parameter the API cannot use (not a UUID, not a number, out of range, not a timestamp). Answered 400
 * {@code {"error":"invalid_parameter","message":..,"field":<parameter>}} by {@link ErrorMapper}.
 */
public final class InvalidParameterException extends RuntimeException {

    private final String parameter;

    /**
     * @param parameter the parameter's name as the caller wrote it
     * @param message   what a valid value looks like, e.g. "must be a UUID"
     */
    public InvalidParameterException(String parameter, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    public String parameter() {
        return parameter;
    }
}
