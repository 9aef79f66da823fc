package io.callhook.http.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** How domain values are written in the API: lower-case enum names, ISO-8601 instants, plain decimals. */
public final class Wire {

    private Wire() {
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    public static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String id(Object id) {
        return id == null ? null : id.toString();
    }

    /** Exact money without trailing zeros or exponent: {@code 43.9450} → {@code 43.945}, {@code 1E+2} → {@code 100}. */
    static BigDecimal decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
