package io.callhook.core.retell;

import static io.callhook.core.retell.RetellPayloads.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.core.retell.SignatureCheck.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetellSignatureVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String KEY = "key_test_0123456789abcdef";
    private static final long SIGNED_AT = 1_790_006_600_945L;
    private static final byte[] BODY = "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"call_1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = new RetellSigner(KEY).sign(BODY, SIGNED_AT);

    // --- reference vectors -------------------------------------------------------------------------------------

    @Test
    void officialSdkVectorVerifies() {
        byte[] body = fixture("signature-v0-official-sdk-test-vector.body");
        String header = "v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e";

        assertThat(verifier(1_700_000_000_000L, "test-api-key").verify(body, header))
                .isEqualTo(new SignatureCheck.Valid(Instant.ofEpochMilli(1_700_000_000_000L)));
        assertThat(new RetellSigner("test-api-key").sign(body, 1_700_000_000_000L)).isEqualTo(header);
    }

    static Stream<Arguments> signatureVectors() {
        return stream(readJson("signature-vectors.json").get("vectors")).map(vector -> Arguments.of(
                vector.get("name").asText().split(" ")[0],
                vector.get("key").asText(),
                vector.get("timestamp_ms").asLong(),
                vector.get("body").asText(),
                vector.get("expected_signature").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatureVectors")
    void referenceVectorVerifiesAndIsReproducedBySigner(String name, String key, long timestampMs, String bodyText,
                                                         String expectedHeader) {
        byte[] body = fixture("signature-" + name + ".body");

        assertThat(body).as("the .body file holds the vector's body bytes")
                .isEqualTo(bodyText.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier(timestampMs, key).verify(body, expectedHeader))
                .isEqualTo(new SignatureCheck.Valid(Instant.ofEpochMilli(timestampMs)));
        assertThat(new RetellSigner(key).sign(body, Instant.ofEpochMilli(timestampMs))).isEqualTo(expectedHeader);
    }

    static Stream<Arguments> signedFixtures() {
        JsonNode signatures = readJson("fixture-signatures.json");
        String key = signatures.get("key").asText();
        List<Arguments> fixtures = new ArrayList<>();
        signatures.get("files").properties().forEach(file -> fixtures.add(Arguments.of(file.getKey(), key,
                file.getValue().get("timestamp_ms").asLong(), file.getValue().get("signature").asText())));
        return fixtures.stream();
    }

    @Test
    void everyRequestFixtureHasASignature() {
        assertThat(signedFixtures()).hasSize(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedFixtures")
    void requestFixtureVerifiesWithItsKeyAtItsTimestamp(String file, String key, long timestampMs, String header) {
        byte[] body = fixture(file);

        assertThat(verifier(timestampMs, key).verify(body, header))
                .isEqualTo(new SignatureCheck.Valid(Instant.ofEpochMilli(timestampMs)));
        assertThat(new RetellSigner(key).sign(body, timestampMs)).isEqualTo(header);
    }

    // --- freshness window ----------------------------------------------------------------------------------------

    @Test
    void timestampExactlyFiveMinutesOldIsAccepted() {
        assertThat(verifier(SIGNED_AT + 300_000, KEY).verify(BODY, HEADER)).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void timestampExactlyFiveMinutesAheadIsAccepted() {
        assertThat(verifier(SIGNED_AT - 300_000, KEY).verify(BODY, HEADER)).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void timestampOneMillisecondMoreThanFiveMinutesOldIsRejected() {
        assertFailure(verifier(SIGNED_AT + 300_001, KEY).verify(BODY, HEADER), Failure.OUTSIDE_WINDOW);
    }

    @Test
    void timestampOneMillisecondMoreThanFiveMinutesAheadIsRejected() {
        assertFailure(verifier(SIGNED_AT - 300_001, KEY).verify(BODY, HEADER), Failure.OUTSIDE_WINDOW);
    }

    @Test
    void windowConstantIsFiveMinutes() {
        assertThat(RetellSignatureVerifier.WINDOW_MS).isEqualTo(300_000L);
        assertThat(RetellSignatureVerifier.HEADER).isEqualTo("x-retell-signature");
    }

    @Test
    void validResultCarriesTheSigningTime() {
        assertThat(verifier(SIGNED_AT + 1_234, KEY).verify(BODY, HEADER))
                .isEqualTo(new SignatureCheck.Valid(Instant.ofEpochMilli(SIGNED_AT)));
    }

    // --- header syntax -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "  \n "})
    void absentOrBlankHeaderIsMissing(String header) {
        assertFailure(verifier(SIGNED_AT, KEY).verify(BODY, header), Failure.MISSING);
    }

    static Stream<String> malformedHeaders() {
        String hex = HEADER.substring(HEADER.indexOf(",d=") + 3);
        String ts = Long.toString(SIGNED_AT);
        return Stream.of(
                "garbage",
                "v=" + ts,
                "d=" + hex,
                "d=" + hex + ",v=" + ts,
                "v=" + ts + ",d=" + hex.substring(1),
                "v=" + ts + ",d=" + hex + "0",
                "v=" + ts + ",d=" + hex.substring(1) + "g",
                "v=,d=" + hex,
                "v=abc,d=" + hex,
                "v=-" + ts + ",d=" + hex,
                "v=1234567890123456789,d=" + hex,
                "v=" + ts + ", d=" + hex,
                "v=" + ts + ";d=" + hex,
                " " + HEADER,
                HEADER + " ",
                HEADER + "\n",
                "V=" + ts + ",D=" + hex,
                "v=" + ts + ",d=" + hex + ",v1=" + hex,
                // \d must mean ASCII digits only: these are Arabic-Indic digits.
                "v=\u0661\u0667\u0660\u0660,d=" + hex);
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void headerNotOfTheFormVEqualsDigitsCommaDEquals64HexIsMalformed(String header) {
        assertFailure(verifier(SIGNED_AT, KEY).verify(BODY, header), Failure.MALFORMED);
    }

    @Test
    void uppercaseHexDigestIsAccepted() {
        String hex = HEADER.substring(HEADER.indexOf(",d=") + 3);
        String upper = "v=" + SIGNED_AT + ",d=" + hex.toUpperCase(Locale.ROOT);

        assertThat(upper).isNotEqualTo(HEADER);
        assertThat(verifier(SIGNED_AT, KEY).verify(BODY, upper)).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void timestampDigitsAreSignedAsWrittenSoALeadingZeroBreaksTheSignature() {
        String padded = HEADER.replace("v=", "v=0");

        assertFailure(verifier(SIGNED_AT, KEY).verify(BODY, padded), Failure.MISMATCH);
    }

    // --- keys and body -------------------------------------------------------------------------------------------

    @Test
    void wrongKeyIsMismatch() {
        assertFailure(verifier(SIGNED_AT, "key_someone_else").verify(BODY, HEADER), Failure.MISMATCH);
    }

    @Test
    void changedBodyIsMismatch() {
        byte[] reserialised = "{\"event\": \"call_ended\", \"call\": {\"call_id\": \"call_1\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertFailure(verifier(SIGNED_AT, KEY).verify(reserialised, HEADER), Failure.MISMATCH);
    }

    @Test
    void secondKeyOfTheListMatchesDuringRotation() {
        RetellSignatureVerifier rotating = new RetellSignatureVerifier(List.of("key_new", KEY), fixedAt(SIGNED_AT));

        assertThat(rotating.verify(BODY, HEADER)).isInstanceOf(SignatureCheck.Valid.class);
        assertThat(rotating.verify(BODY, new RetellSigner("key_new").sign(BODY, SIGNED_AT)))
                .isInstanceOf(SignatureCheck.Valid.class);
        assertFailure(rotating.verify(BODY, new RetellSigner("key_retired").sign(BODY, SIGNED_AT)), Failure.MISMATCH);
    }

    @Test
    void nullBodyIsVerifiedAsAnEmptyBody() {
        String emptyBodyHeader = new RetellSigner(KEY).sign(new byte[0], SIGNED_AT);

        assertThat(verifier(SIGNED_AT, KEY).verify(null, emptyBodyHeader)).isInstanceOf(SignatureCheck.Valid.class);
        assertFailure(verifier(SIGNED_AT, KEY).verify(null, HEADER), Failure.MISMATCH);
    }

    @Test
    void failureMessagesRevealNeitherKeyNorExpectedDigest() {
        String expectedHex = HEADER.substring(HEADER.indexOf(",d=") + 3);
        String forged = "v=" + SIGNED_AT + ",d=" + "0".repeat(64);

        SignatureCheck check = verifier(SIGNED_AT, KEY).verify(BODY, forged);

        assertThat(check).isInstanceOfSatisfying(SignatureCheck.Invalid.class, invalid -> assertThat(invalid.message())
                .isNotBlank().doesNotContain(KEY).doesNotContain(expectedHex));
    }

    @Test
    void keysAreRequiredAndMustNotBeBlank() {
        Clock clock = fixedAt(SIGNED_AT);

        assertThatThrownBy(() -> new RetellSignatureVerifier(List.of(), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetellSignatureVerifier(List.of(KEY, " "), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetellSignatureVerifier(Arrays.asList(KEY, null), clock))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RetellSigner("")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- signer --------------------------------------------------------------------------------------------------

    @Test
    void signerWritesMillisecondsAndLowercaseHex() {
        assertThat(HEADER).matches("v=1790006600945,d=[0-9a-f]{64}");
        assertThat(new RetellSigner(KEY).sign(BODY, Instant.ofEpochMilli(SIGNED_AT))).isEqualTo(HEADER);
    }

    @Test
    void signerRefusesTimestampsTheHeaderCannotCarry() {
        RetellSigner signer = new RetellSigner(KEY);

        assertThatThrownBy(() -> signer.sign(BODY, -1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(BODY, 1_000_000_000_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static RetellSignatureVerifier verifier(long nowMs, String key) {
        return new RetellSignatureVerifier(List.of(key), fixedAt(nowMs));
    }

    static Clock fixedAt(long epochMs) {
        return Clock.fixed(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }

    private static void assertFailure(SignatureCheck check, Failure expected) {
        assertThat(check).isInstanceOfSatisfying(SignatureCheck.Invalid.class,
                invalid -> assertThat(invalid.failure()).isEqualTo(expected));
    }

    private static JsonNode readJson(String fileName) {
        try {
            return JSON.readTree(fixture(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements.stream();
    }
}
