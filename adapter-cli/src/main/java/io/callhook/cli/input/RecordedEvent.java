package io.callhook.cli.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One webhook body to replay, with the signature header it was originally delivered with (if the input was a recorded
 * delivery).
 *
 * @param body            the exact body bytes (never re-serialised: signatures and duplicate detection depend on them)
 * @param signatureHeader the original {@code x-retell-signature} value, or {@code null} for a plain body
 * @param origin          where it was read
 */
public record RecordedEvent(byte[] body, String signatureHeader, Origin origin) implements InputItem {

    public RecordedEvent {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether the input carried a signature that can be verified. */
    public boolean hasSignature() {
        return signatureHeader != null;
    }

    /** The body decoded as UTF-8, for messages and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedEvent that
                && Arrays.equals(body, that.body)
                && Objects.equals(signatureHeader, that.signatureHeader)
                && origin.equals(that.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(body), signatureHeader, origin);
    }

    /** Origin and size only: bodies can be large and carry personal data. */
    @Override
    public String toString() {
        return "RecordedEvent[" + origin + ", " + body.length + " bytes" + (hasSignature() ? ", signed" : "") + "]";
    }
}
