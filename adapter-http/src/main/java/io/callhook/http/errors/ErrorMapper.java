package io.callhook.http.errors;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.FailureSummary;
import io.dropwizard.jersey.optional.EmptyOptionalException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception that escapes a resource into an {@link ErrorBody} answer: client mistakes become 4xx with a
 * generic message (a query or path parameter the API cannot use: 400 naming it; JSON whose values do not fit the
 * request: 422 naming the field; JSON that does not parse: 400), infrastructure failures become 503 (so Retell
 * retries), anything else 500. Server-side failures are logged with their stack trace and an id that the answer
 * repeats; the answer itself never contains exception text.
 *
 * <p>Dropwizard's default mappers are switched off (they answer {@code {"code":..}}). Jersey picks the mapper with
 * the closest exception type, so {@link ForViolations} exists only to win over Jersey's own bean-validation mapper;
 * both answer through the same code.
 */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof WebApplicationException wae) {
            return fromWebApplicationException(wae);
        }
        if (exception instanceof EmptyOptionalException) {
            return ErrorResponses.forStatus(404);
        }
        if (exception instanceof PersistenceUnavailableException) {
            return serverError(503, "unavailable",
                    "The database is temporarily unavailable; try again later.", exception);
        }
        if (exception instanceof InvalidParameterException invalid) {
            return ErrorResponses.error(400, "invalid_parameter", invalid.parameter() + " " + invalid.getMessage(),
                    invalid.parameter());
        }
        if (exception instanceof JsonProcessingException json) {
            if (json instanceof InvalidDefinitionException || json instanceof JsonGenerationException) {
                return serverError(500, "internal_error", "An unexpected error occurred.", exception);
            }
            if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return fromBindingFailure(mapping);
            }
            LOG.debug("Unreadable JSON request body", exception);
            return ErrorResponses.error(400, "invalid_json", "The request body is not valid JSON for this endpoint.");
        }
        if (exception instanceof ConstraintViolationException violations) {
            return fromViolations(violations);
        }
        if (exception instanceof EofException) {
            LOG.debug("Client went away mid-request", exception);
            return ErrorResponses.forStatus(400);
        }
        if (exception instanceof HttpException http && http.getCode() < 500) {
            return ErrorResponses.forStatus(http.getCode());
        }
        return serverError(500, "internal_error", "An unexpected error occurred.", exception);
    }

    /**
     * Well-formed JSON whose values do not fit the request (a word where a number belongs, an unknown property): 422
     * naming the field as the caller wrote it, e.g. {@code contacts[2].variables} or {@code max_attempts}.
     */
    private static Response fromBindingFailure(JsonMappingException mapping) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        String message;
        if (mapping instanceof UnrecognizedPropertyException) {
            message = "is not a known field here";
        } else if (mapping instanceof InvalidFormatException format && format.getValue() instanceof String text
                && text.indexOf('\0') >= 0) {
            message = "must not contain the NUL character (\\u0000)"; // refused on reading: PostgreSQL cannot store it
        } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "must be " + describe(mismatch.getTargetType());
        } else {
            message = "has a value of the wrong type";
        }
        LOG.debug("Request body does not fit its type", mapping);
        return ErrorResponses.error(422, "invalid", field + " " + message, field.toString());
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    /** Validation failures, routed here ahead of Jersey's {@code ValidationExceptionMapper}. */
    @Provider
    public static final class ForViolations implements ExceptionMapper<ConstraintViolationException> {
        private final ErrorMapper errors = new ErrorMapper();

        @Override
        public Response toResponse(ConstraintViolationException exception) {
            return errors.toResponse(exception);
        }
    }

    private static Response fromWebApplicationException(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return serverError(status, ErrorResponses.code(status), ErrorResponses.message(status), exception);
        }
        Response.ResponseBuilder answer = Response.fromResponse(ErrorResponses.forStatus(status));
        copyHeader(original, answer, HttpHeaders.ALLOW);
        copyHeader(original, answer, HttpHeaders.WWW_AUTHENTICATE);
        copyHeader(original, answer, HttpHeaders.RETRY_AFTER);
        return answer.build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        String value = from.getHeaderString(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    private static Response fromViolations(ConstraintViolationException exception) {
        boolean onReturnValue = exception.getConstraintViolations().stream()
                .anyMatch(v -> isReturnValue(v.getPropertyPath()));
        if (onReturnValue) {
            return serverError(500, "internal_error", "An unexpected error occurred.", exception);
        }
        String details = exception.getConstraintViolations().stream()
                .map(ErrorMapper::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.error(422, "invalid_request",
                details.isEmpty() ? "The request is not valid." : details);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                field = node.getName();
            }
        }
        return field == null ? violation.getMessage() : field + " " + violation.getMessage();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static Response serverError(int status, String code, String message, Throwable exception) {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        // a summary, not the exception: its messages may quote bound values (phone numbers, names) and SQL
        LOG.error("Error {} answered {}: {}: {}", id, status, code, FailureSummary.of(exception));
        return ErrorResponses.error(status, code, message + " (error id " + id + ")");
    }
}
