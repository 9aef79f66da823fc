package io.callhook.core.retell;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup from wire strings to enum constants that falls back instead of failing: Retell's enumerations grow. */
final class WireEnum<E extends Enum<E>> {

    private final Map<String, E> byWire;
    private final E fallback;

    WireEnum(Class<E> type, Function<E, String> wire, E fallback) {
        this.byWire = Arrays.stream(type.getEnumConstants())
                .filter(e -> e != fallback)
                .collect(Collectors.toUnmodifiableMap(wire, e -> e));
        this.fallback = fallback;
    }

    /** The constant for {@code value}, the fallback for unknown values, {@code null} for {@code null}. */
    E of(String value) {
        return value == null ? null : byWire.getOrDefault(value, fallback);
    }
}
