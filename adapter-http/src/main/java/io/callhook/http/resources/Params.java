package io.callhook.http.resources;

import io.callhook.core.port.in.CallhookQueries.Page;
import io.callhook.http.errors.InvalidParameterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads query and path parameters; a value that cannot be used is an {@link InvalidParameterException} naming the
 * parameter (answered 400).
 */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Params() {
    }

    /** A required UUID, in its canonical 8-4-4-4-12 form. */
    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(name, "is required");
        }
        String trimmed = value.strip();
        if (!UUID_TEXT.matcher(trimmed).matches()) {
            throw new InvalidParameterException(name, "must be a UUID, e.g. 3f2b9c1e-8d4a-4c6b-9e0f-1a2b3c4d5e6f");
        }
        return UUID.fromString(trimmed);
    }

    /** An optional UUID: {@code null} when absent or blank. */
    static UUID optionalUuid(String name, String value) {
        return value == null || value.isBlank() ? null : uuid(name, value);
    }

    /** {@code offset} (default 0, at least 0) and {@code limit} (default 50, 1 to 500). */
    static Page page(String offset, String limit) {
        int from = integer("offset", offset, 0, 0, Integer.MAX_VALUE, "must be a whole number, 0 or more");
        int size = integer("limit", limit, DEFAULT_LIMIT, 1, Page.MAX_LIMIT,
                "must be a whole number from 1 to " + Page.MAX_LIMIT);
        return new Page(from, size);
    }

    private static int integer(String name, String value, int fallback, int min, int max, String rule) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, rule);
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(name, rule);
        }
        return (int) parsed;
    }

    /**
     * An optional point in time: an ISO-8601 instant ({@code 2026-09-21T10:00:00Z}), date-time with offset
     * ({@code 2026-09-21T12:00:00+02:00}) or date ({@code 2026-09-21}, midnight UTC).
     */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new InvalidParameterException(name,
                        "must be an ISO-8601 time, e.g. 2026-09-21T10:00:00Z or 2026-09-21");
            }
        }
    }
}
