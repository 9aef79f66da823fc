package io.callhook.core.retell;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Retell's {@value #HEADER} header against the raw request body.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>the header is parsed strictly as {@code v=<1-18 digits>,d=<64 hex digits>} (hex in either case); anything else
 *       is {@link SignatureCheck.Failure#MALFORMED}, a {@code null} or blank header is
 *       {@link SignatureCheck.Failure#MISSING};</li>
 *   <li>the timestamp must be within {@value #WINDOW_MS} ms of the clock, in either direction, bounds included; else
 *       {@link SignatureCheck.Failure#OUTSIDE_WINDOW};</li>
 *   <li>the digest is HMAC-SHA256 over the body bytes as given followed by the timestamp digits as written, compared in
 *       constant time against each configured key in order; no match is {@link SignatureCheck.Failure#MISMATCH};</li>
 *   <li>{@link #verify} never throws, and its messages reveal neither keys, expected digests nor our clock.</li>
 * </ul>
 * Pass the bytes exactly as received: a body that was parsed and re-serialised will not verify.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RetellSignatureVerifier {

    /** Name of the signature header, lower-cased; HTTP header names are case-insensitive. */
    public static final String HEADER = "x-retell-signature";

    /** Accepted distance between the signature timestamp and our clock, inclusive, in either direction. */
    public static final long WINDOW_MS = 300_000;

    /** 18 digits at most, so the timestamp always fits a long and the window arithmetic cannot overflow. */
    private static final Pattern FORMAT = Pattern.compile("v=(\\d{1,18}),d=([0-9a-fA-F]{64})");

    private final List<SecretKeySpec> keys;
    private final Clock clock;

    /**
     * @param apiKeys the Retell API keys whose signatures are accepted, newest first (during a rotation, the new key
     *                and then the old one); at least one, none blank; used as UTF-8 bytes
     * @param clock   the receiver's clock for the freshness window
     * @throws IllegalArgumentException if there is no key or a key is blank
     * @throws NullPointerException     if the list, a key or the clock is {@code null}
     */
    public RetellSignatureVerifier(List<String> apiKeys, Clock clock) {
        Objects.requireNonNull(apiKeys, "apiKeys");
        if (apiKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one Retell API key is required");
        }
        this.keys = apiKeys.stream().map(RetellHmac::key).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies one delivery.
     *
     * @param rawBody     the request body exactly as received; {@code null} is treated as an empty body
     * @param headerValue the value of the {@value #HEADER} header, or {@code null} when the request had none
     * @return {@link SignatureCheck.Valid} with the signing time, or {@link SignatureCheck.Invalid} with the reason;
     *         never throws
     */
    public SignatureCheck verify(byte[] rawBody, String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return invalid(SignatureCheck.Failure.MISSING, "the " + HEADER + " header is missing");
        }
        Matcher header = FORMAT.matcher(headerValue);
        if (!header.matches()) {
            return invalid(SignatureCheck.Failure.MALFORMED,
                    "the " + HEADER + " header must look like v=<epoch milliseconds>,d=<64 hex digits>");
        }
        // Kept as text: the digest covers the digits as written, leading zeros included.
        String timestampDigits = header.group(1);
        long signedAtMs = Long.parseLong(timestampDigits);
        if (Math.abs(clock.millis() - signedAtMs) > WINDOW_MS) {
            return invalid(SignatureCheck.Failure.OUTSIDE_WINDOW,
                    "the signature timestamp is more than 5 minutes away from the receiver's clock");
        }
        byte[] given = HexFormat.of().parseHex(header.group(2)); // accepts either case
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(RetellHmac.digest(key, body, timestampDigits), given)) {
                return new SignatureCheck.Valid(Instant.ofEpochMilli(signedAtMs));
            }
        }
        return invalid(SignatureCheck.Failure.MISMATCH, "the signature does not match the request body");
    }

    private static SignatureCheck invalid(SignatureCheck.Failure failure, String message) {
        return new SignatureCheck.Invalid(failure, message);
    }
}
