package io.callhook.core.call;

import java.util.Objects;

/** Retell's {@code call_id}: the primary key of a call in callhook. */
public record CallId(String value) {

    public CallId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("call id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
