package io.callhook.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Recorded Retell payloads and signature vectors (copied from the shared fixtures into test resources). */
public final class Fixtures {

    public static final String FIXTURE_KEY = "key_fixture_5e6f7a8b9c0d1e2f3a4b5c6d";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The exact bytes of {@code retell/<name>}. */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/retell/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Copies a fixture into {@code folder} under {@code fileName}. */
    public static Path copy(String name, Path folder, String fileName) throws IOException {
        Path target = folder.resolve(fileName);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes(name));
        return target;
    }

    /** The recorded signature of a request fixture, from {@code fixture-signatures.json}. */
    public static String signatureOf(String name) {
        return signatures().path("files").path(name).path("signature").textValue();
    }

    /** The signing time of a request fixture. */
    public static Instant signedAt(String name) {
        return Instant.ofEpochMilli(signatures().path("files").path(name).path("timestamp_ms").longValue());
    }

    /** One of the four reference vectors of {@code signature-vectors.json}, by position. */
    public static JsonNode vector(int number) {
        try {
            return JSON.readTree(bytes("signature-vectors.json")).path("vectors").get(number);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** The transfer lifecycle in emission order. */
    public static List<String> transferLifecycle() {
        return List.of("40-transfer-call_started.json", "41-transfer-transfer_started.json",
                "42-transfer-transfer_bridged.json", "43-transfer-call_ended.json", "44-transfer-call_analyzed.json",
                "45-transfer-transfer_ended.json");
    }

    private static JsonNode signatures() {
        try {
            return JSON.readTree(bytes("fixture-signatures.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
