package io.callhook.core.retell;

import java.time.Instant;
import java.util.Objects;

/** The answer of {@link RetellSignatureVerifier}: valid, or invalid with the reason why. */
public sealed interface SignatureCheck permits SignatureCheck.Valid, SignatureCheck.Invalid {

    /** Why a signature was refused. Used as a metric label, so the names are stable. */
    enum Failure {
        /** No {@code x-retell-signature} header. */
        MISSING,
        /** The header is not {@code v=<digits>,d=<64 hex>}. */
        MALFORMED,
        /** The timestamp is more than five minutes away from our clock (either direction). */
        OUTSIDE_WINDOW,
        /** No configured key produces this digest over these bytes. */
        MISMATCH
    }

    /** The body was signed by one of our keys at {@code signedAt}. */
    record Valid(Instant signedAt) implements SignatureCheck {
        public Valid {
            Objects.requireNonNull(signedAt, "signedAt");
        }
    }

    /** The signature was refused; {@code message} is safe to show to the caller. */
    record Invalid(Failure failure, String message) implements SignatureCheck {
        public Invalid {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }
}
