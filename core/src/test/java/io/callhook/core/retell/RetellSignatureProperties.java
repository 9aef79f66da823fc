package io.callhook.core.retell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any single change to a signed body or to its digest must make verification fail. */
class RetellSignatureProperties {

    private static final String KEY = "key_property_5e6f7a8b9c0d";
    private static final long SIGNED_AT = 1_790_006_600_945L;
    private static final String HEX_DIGITS = "0123456789abcdef";

    private final RetellSigner signer = new RetellSigner(KEY);
    private final RetellSignatureVerifier verifier = new RetellSignatureVerifier(
            List.of(KEY), Clock.fixed(Instant.ofEpochMilli(SIGNED_AT), ZoneOffset.UTC));

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        RetellPayloads.fixture("signature-v2-utf8-non-ascii-body.body"),
                        RetellPayloads.fixture("signature-v3-pretty-printed-with-trailing-newline.body"),
                        RetellPayloads.fixture("10-inbound-call_inbound.request.json")),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(512));
    }

    @Property(tries = 500)
    void flippingAnySingleBodyByteMakesVerificationFail(
            @ForAll("bodies") byte[] body,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
            @ForAll @IntRange(min = 1, max = 255) int xorMask) {
        String header = signer.sign(body, SIGNED_AT);
        byte[] tampered = body.clone();
        tampered[position % body.length] ^= (byte) xorMask;

        assertThat(verifier.verify(body, header)).isInstanceOf(SignatureCheck.Valid.class);
        assertThat(verifier.verify(tampered, header)).isInstanceOfSatisfying(SignatureCheck.Invalid.class,
                invalid -> assertThat(invalid.failure()).isEqualTo(SignatureCheck.Failure.MISMATCH));
    }

    @Property(tries = 500)
    void changingAnySingleHexDigitOfTheSignatureMakesVerificationFail(
            @ForAll("bodies") byte[] body,
            @ForAll @IntRange(min = 0, max = 63) int digit,
            @ForAll @IntRange(min = 1, max = 15) int delta,
            @ForAll boolean uppercase) {
        String header = signer.sign(body, SIGNED_AT);
        int at = header.indexOf(",d=") + 3 + digit;
        char replacement = HEX_DIGITS.charAt((Character.digit(header.charAt(at), 16) + delta) % 16);
        if (uppercase) {
            replacement = Character.toUpperCase(replacement); // a different value in either case
        }
        String tampered = header.substring(0, at) + replacement + header.substring(at + 1);

        assertThat(verifier.verify(body, tampered)).isInstanceOfSatisfying(SignatureCheck.Invalid.class,
                invalid -> assertThat(invalid.failure()).isEqualTo(SignatureCheck.Failure.MISMATCH));
    }
}
