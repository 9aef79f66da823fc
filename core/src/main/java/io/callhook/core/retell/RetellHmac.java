package io.callhook.core.retell;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Retell's signature digest, shared by {@link RetellSigner} and {@link RetellSignatureVerifier} so the two can never
 * disagree: HMAC-SHA256 keyed with the API key's UTF-8 bytes, over the raw body bytes immediately followed by the
 * timestamp digits exactly as they appear after {@code v=} (no separator, no re-serialisation, no seconds).
 */
final class RetellHmac {

    private static final String ALGORITHM = "HmacSHA256";

    /** Largest timestamp the header grammar allows ({@code \d{1,18}}): 18 digits always fit a {@code long}. */
    static final long MAX_TIMESTAMP_MS = 999_999_999_999_999_999L;

    private RetellHmac() {
    }

    /** The key for {@code apiKey}, which must not be blank (an empty HMAC key would make signatures forgeable). */
    static SecretKeySpec key(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("a Retell API key must not be blank");
        }
        return new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The raw 32-byte digest. A new {@link Mac} per call: Mac is not thread-safe, and creating one is cheap. */
    static byte[] digest(SecretKeySpec key, byte[] body, String timestampDigits) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(body);
            return mac.doFinal(timestampDigits.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256, and key() never builds an unusable key.
            throw new IllegalStateException("HmacSHA256 is unavailable on this JVM", e);
        }
    }
}
