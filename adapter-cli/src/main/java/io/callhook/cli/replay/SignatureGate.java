package io.callhook.cli.replay;

import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --verify}: checks the signature a recorded delivery arrived with, with the server's verifier, before the event
 * is replayed. An event without a recorded signature fails the check.
 *
 * <p>When: with {@code --at TIME}, each signature must have been made within 5 minutes of TIME, exactly as the server
 * checks at receipt. Without it, each signature is checked at its own timestamp ({@code v=}): that proves the body is
 * unchanged and was signed with one of the keys, but not when — the usual question for a replay of old deliveries,
 * whose signatures are long outside the 5-minute window.
 */
public final class SignatureGate {

    private static final Pattern TIMESTAMP = Pattern.compile("^v=(\\d{1,18}),");

    private final List<String> keys;
    private final RetellSignatureVerifier atFixedTime;

    /**
     * @param keys the accepted Retell API keys (rotation: any of them)
     * @param at   the verification time, or {@code null} to check each signature at its own timestamp
     */
    public SignatureGate(List<String> keys, Instant at) {
        this.keys = List.copyOf(keys);
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed to verify signatures");
        }
        this.atFixedTime = at == null ? null : new RetellSignatureVerifier(this.keys, Clock.fixed(at, ZoneOffset.UTC));
    }

    /** Empty when the signature is valid, else why not (safe to print: no key, no expected digest). */
    public Optional<String> refusal(RecordedEvent event) {
        Objects.requireNonNull(event, "event");
        if (!event.hasSignature()) {
            return Optional.of("no recorded signature to verify (--verify needs recorded deliveries: "
                    + "{\"headers\":{\"x-retell-signature\":...},\"body\":...})");
        }
        SignatureCheck check = verifier(event.signatureHeader()).verify(event.body(), event.signatureHeader());
        if (check instanceof SignatureCheck.Invalid invalid) {
            return Optional.of("signature " + invalid.failure().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + invalid.message());
        }
        return Optional.empty();
    }

    /** A description for the summary's notes. */
    public String describe() {
        return atFixedTime != null ? "signatures checked at --at (±5 minutes)"
                : "signatures checked at their own time (v=); body and key, not age";
    }

    private RetellSignatureVerifier verifier(String header) {
        if (atFixedTime != null) {
            return atFixedTime;
        }
        Matcher matcher = TIMESTAMP.matcher(header.strip());
        Instant signedAt = matcher.find() ? Instant.ofEpochMilli(Long.parseLong(matcher.group(1))) : Instant.EPOCH;
        return new RetellSignatureVerifier(keys, Clock.fixed(signedAt, ZoneOffset.UTC));
    }
}
