package io.callhook.core.retell;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Produces {@value RetellSignatureVerifier#HEADER} values exactly as Retell does, for tests and tooling (the CLI's
 * {@code sign} command, replaying stored deliveries). Whatever it signs, {@link RetellSignatureVerifier} configured
 * with the same key accepts within the window.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RetellSigner {

    private final SecretKeySpec key;

    /**
     * @param apiKey the Retell API key to sign with, used as UTF-8 bytes
     * @throws IllegalArgumentException if the key is blank
     * @throws NullPointerException     if the key is {@code null}
     */
    public RetellSigner(String apiKey) {
        this.key = RetellHmac.key(apiKey);
    }

    /**
     * Signs {@code body} as sent at {@code at} (truncated to milliseconds).
     *
     * @param body the exact bytes that will be sent
     * @param at   send time
     * @return {@code v=<epoch ms>,d=<64 lowercase hex digits>}
     * @throws IllegalArgumentException if {@code at} is before 1970 or beyond the 18-digit timestamps Retell's header
     *                                  allows
     */
    public String sign(byte[] body, Instant at) {
        Objects.requireNonNull(at, "at");
        return sign(body, at.toEpochMilli());
    }

    /**
     * Signs {@code body} as sent at {@code timestampMs}.
     *
     * @param body        the exact bytes that will be sent
     * @param timestampMs send time in epoch milliseconds, from 0 to 18 digits
     * @return {@code v=<timestampMs>,d=<64 lowercase hex digits>}
     * @throws IllegalArgumentException if the timestamp is negative or longer than 18 digits
     */
    public String sign(byte[] body, long timestampMs) {
        Objects.requireNonNull(body, "body");
        if (timestampMs < 0 || timestampMs > RetellHmac.MAX_TIMESTAMP_MS) {
            throw new IllegalArgumentException("timestamp must be between 0 and 18 digits of epoch milliseconds");
        }
        String digits = Long.toString(timestampMs);
        return "v=" + digits + ",d=" + HexFormat.of().formatHex(RetellHmac.digest(key, body, digits));
    }
}
