package io.callhook.http.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error answers; the status → {@code error} code table lives here and nowhere else. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** An error answer with an explicit code and message. */
    public static Response error(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, message))
                .build();
    }

    /** An error answer about one input, naming it in {@code field}. */
    public static Response error(int status, String error, String message, String field) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, message, field))
                .build();
    }

    /** The generic error answer for a status, e.g. 404 → {@code not_found}. */
    public static Response forStatus(int status) {
        return error(status, code(status), message(status));
    }

    /** The generic body for a status. */
    public static ErrorBody bodyFor(int status) {
        return new ErrorBody(code(status), message(status));
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 422 -> "invalid_request";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server_error" : "http_" + status;
        };
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "Authentication is required.";
            case 403 -> "Access is not allowed.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation is available.";
            case 408 -> "The request took too long to arrive.";
            case 409 -> "The request conflicts with the current state.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "This media type is not supported here.";
            case 422 -> "The request is not valid.";
            case 429 -> "Too many requests.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is temporarily unavailable; try again later.";
            default -> status >= 500 ? "An unexpected error occurred." : "The request failed.";
        };
    }
}
