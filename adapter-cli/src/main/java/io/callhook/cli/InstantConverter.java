package io.callhook.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --at}: epoch milliseconds (as in Retell's {@code v=}) or an ISO-8601 instant with offset. */
public final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,18}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notWithOffset) {
                throw new TypeConversionException("'" + value
                        + "' is neither epoch milliseconds nor an ISO-8601 time with zone, e.g. 2026-09-21T10:00:00Z");
            }
        }
    }
}
