package io.callhook.cli.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes replay input files from fixtures: NDJSON lines, JSON arrays, recorded deliveries, gzip. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** A fixture on one line (re-serialised compactly: fine wherever the signature does not matter). */
    public static String compact(String fixture) {
        try {
            return JSON.writeValueAsString(JSON.readTree(Fixtures.bytes(fixture)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixtures as NDJSON, one compact line each. */
    public static String ndjson(List<String> fixtures) {
        StringBuilder text = new StringBuilder();
        fixtures.forEach(f -> text.append(compact(f)).append('\n'));
        return text.toString();
    }

    /** The fixtures as one JSON array, each element byte for byte as recorded. */
    public static String array(List<String> fixtures) {
        StringBuilder text = new StringBuilder("[\n");
        for (int i = 0; i < fixtures.size(); i++) {
            text.append(i == 0 ? "" : ",\n").append(Fixtures.text(fixtures.get(i)).strip());
        }
        return text.append("\n]\n").toString();
    }

    /** A recorded delivery line: the raw body as a JSON string and the signature it came with. */
    public static String delivery(String body, String signature) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("headers").put("x-retell-signature", signature);
        node.put("body", body);
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path writeGzip(Path file, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes.toByteArray());
    }

    /** The outbound lifecycle (01-04) and the transfer lifecycle (40-45): two calls, ten events. */
    public static List<String> allFixtures() {
        return List.of("01-outbound-call_started.json", "02-outbound-call_ended.json", "03-outbound-call_analyzed.json",
                "04-outbound-transcript_updated.json", "40-transfer-call_started.json",
                "41-transfer-transfer_started.json", "42-transfer-transfer_bridged.json", "43-transfer-call_ended.json",
                "44-transfer-call_analyzed.json", "45-transfer-transfer_ended.json");
    }
}
