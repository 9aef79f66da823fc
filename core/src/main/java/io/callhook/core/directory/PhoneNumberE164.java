package io.callhook.core.directory;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +} and 7 to 15 digits, no leading zero). Numbers from Retell are normalised with
 * {@link #normalise(String)} before comparing, because dialled numbers arrive with spaces, dashes or a {@code 00} prefix.
 */
public record PhoneNumberE164(String value) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-]");

    public PhoneNumberE164 {
        Objects.requireNonNull(value, "value");
        if (!E164.matcher(value).matches()) {
            throw new IllegalArgumentException("not an E.164 phone number: " + value);
        }
    }

    /**
     * Strips separators and turns a leading {@code 00} into {@code +}; empty when the result is not E.164 (Retell has been
     * seen sending values like {@code 11111}, which must not fail anything).
     */
    public static Optional<PhoneNumberE164> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(raw.trim()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(new PhoneNumberE164(compact)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
