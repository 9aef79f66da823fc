package io.callhook.cli.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.support.Fixtures;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.RetellSigner;
import io.callhook.core.retell.SignatureCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderTest {

    @TempDir
    Path dir;

    private List<InputItem> read(String... arguments) {
        return read(new byte[0], arguments);
    }

    private List<InputItem> read(byte[] stdin, String... arguments) {
        try (EventSource source = new EventReader(new ByteArrayInputStream(stdin)).open(List.of(arguments))) {
            List<InputItem> items = new ArrayList<>();
            source.forEachRemaining(items::add);
            return items;
        }
    }

    private static List<String> bodies(List<InputItem> items) {
        return items.stream().filter(RecordedEvent.class::isInstance).map(RecordedEvent.class::cast)
                .map(RecordedEvent::bodyText).collect(Collectors.toList());
    }

    private static List<String> origins(List<InputItem> items) {
        return items.stream().map(item -> item.origin().toString()).collect(Collectors.toList());
    }

    private static List<String> problems(List<InputItem> items) {
        return items.stream().filter(InputProblem.class::isInstance).map(InputProblem.class::cast)
                .map(InputProblem::describe).collect(Collectors.toList());
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private Path writeGzip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return write(name, bytes.toByteArray());
    }

    private static String event(String name, int n) {
        return "{\"event\":\"" + name + "\",\"call\":{\"call_id\":\"call_" + n + "\"}}";
    }

    @Nested
    class JsonFiles {

        @Test
        void aSingleObjectFileIsOneEventWhoseBodyIsTheWholeFile() throws IOException {
            Path file = Fixtures.copy("01-outbound-call_started.json", dir, "started.json");

            List<InputItem> items = read(file.toString());

            assertThat(items).hasSize(1);
            RecordedEvent event = (RecordedEvent) items.get(0);
            assertThat(event.body()).isEqualTo(Fixtures.bytes("01-outbound-call_started.json"));
            assertThat(event.signatureHeader()).isNull();
            assertThat(event.origin()).isEqualTo(Origin.ofFile(file.toString()));
            assertThat(event.origin().toString()).isEqualTo(file.toString());
        }

        @Test
        void theRecordedSignatureOfAFixtureFileVerifiesOverTheBodyRead() throws IOException {
            String name = "43-transfer-call_ended.json";
            Path file = Fixtures.copy(name, dir, name);

            RecordedEvent event = (RecordedEvent) read(file.toString()).get(0);

            SignatureCheck check = new RetellSignatureVerifier(List.of(Fixtures.FIXTURE_KEY),
                    Fixtures.clockAt(Fixtures.signedAt(name))).verify(event.body(), Fixtures.signatureOf(name));
            assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
        }

        @Test
        void eachArrayElementIsAnEventWithTheElementsExactBytes() throws IOException {
            String first = "{\"event\":\"call_started\",  \"call\" : {\"call_id\":\"call_a\"}}";
            String second = "{\n    \"event\": \"call_ended\",\n    \"call\": {\"call_id\": \"call_a\", \"note\": \"Jos\u00e9 \u2014 \u2705\"}\n  }";
            String third = "{}";
            Path file = write("batch.json", "[\n  " + first + ",\n  " + second + " ,\t" + third + "\n]\n");

            List<InputItem> items = read(file.toString());

            assertThat(bodies(items)).containsExactly(first, second, third);
            assertThat(origins(items)).containsExactly(file + "[0]", file + "[1]", file + "[2]");
            assertThat(items.get(1).origin().line()).isEqualTo(3);
        }

        @Test
        void aSignatureOverAnArrayElementsOriginalBytesStillVerifies() throws IOException {
            byte[] multibyte = Fixtures.bytes("signature-v2-utf8-non-ascii-body.body");
            byte[] pretty = Fixtures.bytes("signature-v0-official-sdk-test-vector.body");
            ByteArrayOutputStream array = new ByteArrayOutputStream();
            array.write("[ ".getBytes(UTF_8));
            array.write(pretty);
            array.write(",\n".getBytes(UTF_8));
            array.write(multibyte);
            array.write("]".getBytes(UTF_8));
            Path file = write("signed.json", array.toByteArray());

            RecordedEvent element = (RecordedEvent) read(file.toString()).get(1);

            var vector = Fixtures.vector(2);
            SignatureCheck check = new RetellSignatureVerifier(List.of(vector.path("key").textValue()),
                    Fixtures.clockAt(Instant.ofEpochMilli(vector.path("timestamp_ms").longValue())))
                    .verify(element.body(), vector.path("expected_signature").textValue());
            assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
        }

        @Test
        void largeArraysAreSlicedCorrectlyAcrossReadBuffers() throws IOException {
            List<String> elements = new ArrayList<>();
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < 5_000; i++) {
                String element = "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"call_" + i + "\",\"transcript\":\""
                        + "x".repeat(i % 300) + "\u00e9\"}}";
                elements.add(element);
                json.append(i == 0 ? "" : ",").append(i % 7 == 0 ? "\n  " : "").append(element);
            }
            Path file = write("large.json", json.append("]").toString());

            assertThat(bodies(read(file.toString()))).containsExactlyElementsOf(elements);
        }

        @Test
        void objectsOneAfterAnotherAreReadLikeNdjson() throws IOException {
            Path file = write("several.json", event("call_started", 1) + "\n" + event("call_ended", 1) + "\n");

            List<InputItem> items = read(file.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_ended", 1));
            assertThat(origins(items)).containsExactly(file + ":1", file + ":2");
        }

        @Test
        void aTruncatedArrayIsReportedWithItsPositionAndTheNextFileIsStillRead() throws IOException {
            Path broken = write("a-broken.json", "[" + event("call_started", 1) + ",\n" + event("call_ended", 1) + ",\n{\"event\":\"call_an");
            Path good = write("b-good.json", event("call_analyzed", 1));

            List<InputItem> items = read(broken.toString(), good.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_ended", 1),
                    event("call_analyzed", 1));
            assertThat(problems(items)).singleElement().asString()
                    .startsWith(broken + "[2]: invalid JSON at line 3, column ")
                    .endsWith("; the rest of this file is skipped")
                    .doesNotContain("Source", "Exception", "com.fasterxml");
        }

        @Test
        void invalidJsonInsideAnArrayStopsThatFileAtTheBrokenElement() throws IOException {
            Path file = write("bad.json", "[" + event("call_started", 1) + ", {\"event\": call_ended}, " + event("call_ended", 2) + "]");

            List<InputItem> items = read(file.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1));
            assertThat(problems(items)).singleElement().asString().startsWith(file + "[1]: invalid JSON at line 1, column ");
        }

        @Test
        void anArrayElementThatIsNotAnObjectIsReportedAndTheRestIsRead() throws IOException {
            Path file = write("mixed.json", "[" + event("call_started", 1) + ", 42, \"text\", [1], " + event("call_ended", 1) + "]");

            List<InputItem> items = read(file.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_ended", 1));
            assertThat(problems(items)).containsExactly(
                    file + "[1]: expected a JSON object, found a number",
                    file + "[2]: expected a JSON object, found a string",
                    file + "[3]: expected a JSON object, found an array");
            assertThat(origins(items).get(4)).isEqualTo(file + "[4]");
        }

        @Test
        void anEmptyJsonFileIsAProblem() throws IOException {
            Path file = write("empty.json", "  \n");

            assertThat(problems(read(file.toString())))
                    .containsExactly(file + ": empty input: expected a JSON object or an array of objects");
        }
    }

    @Nested
    class NdjsonFiles {

        @Test
        void eachNonBlankLineIsAnEventWithItsExactBytes() throws IOException {
            String pretty = "{ \"event\" : \"call_ended\" ,\"call\":{\"call_id\":\"call_1\"} }  ";
            Path file = write("calls.ndjson", event("call_started", 1) + "\n\n   \n" + pretty + "\r\n" + event("call_analyzed", 1));

            List<InputItem> items = read(file.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1), pretty, event("call_analyzed", 1));
            assertThat(origins(items)).containsExactly(file + ":1", file + ":4", file + ":5");
        }

        @Test
        void jsonlIsReadLikeNdjson() throws IOException {
            Path file = write("calls.jsonl", event("call_started", 1) + "\n" + event("call_ended", 1) + "\n");

            assertThat(bodies(read(file.toString()))).containsExactly(event("call_started", 1), event("call_ended", 1));
        }

        @Test
        void aMalformedLineIsReportedWithFileAndLineAndTheRestIsStillRead() throws IOException {
            Path file = write("calls.ndjson", String.join("\n",
                    event("call_started", 1), "{\"event\": call_ended", "[1,2]", "  ", event("call_analyzed", 1)));

            List<InputItem> items = read(file.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_analyzed", 1));
            assertThat(problems(items)).hasSize(2);
            assertThat(problems(items).get(0)).startsWith(file + ":2: invalid JSON at column 11: Unrecognized token 'call_ended'");
            assertThat(problems(items).get(1)).isEqualTo(file + ":3: expected a JSON object, found an array");
        }

        @Test
        void trailingContentAfterTheObjectOnALineIsAProblem() throws IOException {
            Path file = write("calls.ndjson", event("call_started", 1) + " " + event("call_ended", 1) + "\n");

            assertThat(problems(read(file.toString()))).singleElement().asString().startsWith(file + ":1: invalid JSON");
        }

        @Test
        void linesLongerThanTheReadBufferAreReadWhole() throws IOException {
            String big = "{\"event\":\"transcript_updated\",\"call\":{\"transcript\":\"" + "y".repeat(200_000) + "\"}}";
            Path file = write("big.ndjson", event("call_started", 1) + "\n" + big + "\n" + event("call_ended", 1));

            assertThat(bodies(read(file.toString()))).containsExactly(event("call_started", 1), big, event("call_ended", 1));
        }

        @Test
        void a100000EventFileIsStreamed() throws IOException {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < 100_000; i++) {
                ndjson.append(event(i % 2 == 0 ? "call_started" : "call_ended", i)).append('\n');
            }
            Path file = writeGzip("many.ndjson.gz", ndjson.toString().getBytes(UTF_8));

            try (EventSource source = new EventReader(new ByteArrayInputStream(new byte[0])).open(List.of(file.toString()))) {
                long events = source.stream().filter(RecordedEvent.class::isInstance).count();
                assertThat(events).isEqualTo(100_000);
            }
        }
    }

    @Nested
    class CompressedFiles {

        @Test
        void gzipFilesAreReadByTheirInnerExtension() throws IOException {
            Path ndjson = writeGzip("a.ndjson.gz", (event("call_started", 1) + "\n" + event("call_ended", 1) + "\n").getBytes(UTF_8));
            Path jsonl = writeGzip("b.jsonl.gz", (event("call_analyzed", 1) + "\n").getBytes(UTF_8));
            Path array = writeGzip("c.json.gz", ("[" + event("call_started", 2) + "," + event("call_ended", 2) + "]").getBytes(UTF_8));
            Path single = writeGzip("d.JSON.GZ", Fixtures.bytes("02-outbound-call_ended.json"));

            List<InputItem> items = read(ndjson.toString(), jsonl.toString(), array.toString(), single.toString());

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_ended", 1),
                    event("call_analyzed", 1), event("call_started", 2), event("call_ended", 2),
                    Fixtures.text("02-outbound-call_ended.json"));
            assertThat(origins(items)).containsExactly(ndjson + ":1", ndjson + ":2", jsonl + ":1", array + "[0]",
                    array + "[1]", single.toString());
        }

        @Test
        void aFileThatIsNotGzipIsReportedAndTheNextFileIsRead() throws IOException {
            Path fake = write("fake.ndjson.gz", event("call_started", 1));
            Path good = write("good.ndjson", event("call_ended", 1));

            List<InputItem> items = read(fake.toString(), good.toString());

            assertThat(problems(items)).singleElement().asString().startsWith(fake + ": could not read: corrupt or truncated gzip data");
            assertThat(bodies(items)).containsExactly(event("call_ended", 1));
        }

        @Test
        void aTruncatedGzipFileKeepsTheEventsBeforeTheDamage() throws IOException {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                ndjson.append(event("call_started", i)).append('\n');
            }
            Path whole = writeGzip("whole.ndjson.gz", ndjson.toString().getBytes(UTF_8));
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = write("cut.ndjson.gz", java.util.Arrays.copyOf(bytes, bytes.length / 2));

            List<InputItem> items = read(cut.toString());

            assertThat(items.get(items.size() - 1)).isInstanceOf(InputProblem.class);
            assertThat(problems(items)).singleElement().asString().contains("the rest of this file is skipped");
            assertThat(bodies(items)).isNotEmpty().allSatisfy(body -> assertThat(body).startsWith("{\"event\":\"call_started\""));
        }
    }

    @Nested
    class FoldersAndArguments {

        @Test
        void foldersAreReadRecursivelyInSortedOrder() throws IOException {
            write("in/b.ndjson", event("call_started", 2) + "\n");
            write("in/a/z.json", event("call_started", 1));
            write("in/a/c.jsonl", event("call_ended", 0) + "\n");
            write("in/c/d/e.json", event("call_analyzed", 3));
            write("in/README.md", "# not an input");
            write("in/.hidden.json", event("call_ended", 99));
            write("in/.git/x.json", event("call_ended", 98));

            List<InputItem> items = read(dir.resolve("in").toString());

            assertThat(problems(items)).isEmpty();
            assertThat(origins(items)).containsExactly(
                    dir.resolve("in/a/c.jsonl") + ":1",
                    dir.resolve("in/a/z.json").toString(),
                    dir.resolve("in/b.ndjson") + ":1",
                    dir.resolve("in/c/d/e.json").toString());
        }

        @Test
        void argumentsAreReadInTheOrderGiven() throws IOException {
            Path second = write("2.ndjson", event("call_ended", 1) + "\n");
            Path first = write("1.ndjson", event("call_started", 1) + "\n");

            assertThat(bodies(read(second.toString(), first.toString())))
                    .containsExactly(event("call_ended", 1), event("call_started", 1));
        }

        @Test
        void anUnknownExtensionOrAMissingFileIsReportedAndReadingGoesOn() throws IOException {
            Path text = write("notes.txt", event("call_started", 1));
            Path missing = dir.resolve("missing.json");
            Path good = write("good.ndjson", event("call_ended", 1) + "\n");

            List<InputItem> items = read(text.toString(), missing.toString(), good.toString());

            assertThat(problems(items)).containsExactly(
                    text + ": unknown file type: expected .json, .ndjson, .jsonl (each optionally .gz)",
                    missing + ": no such file or folder");
            assertThat(bodies(items)).containsExactly(event("call_ended", 1));
        }

        @Test
        void nothingIsReadBeforeIteration() throws IOException {
            Path file = write("late.ndjson", event("call_started", 1) + "\n");
            try (EventSource source = new EventReader(new ByteArrayInputStream(new byte[0])).open(List.of(file.toString()))) {
                Files.write(file, (event("call_ended", 7) + "\n").getBytes(UTF_8));
                assertThat(((RecordedEvent) source.next()).bodyText()).isEqualTo(event("call_ended", 7));
                assertThat(source.hasNext()).isFalse();
            }
        }
    }

    @Nested
    class Stdin {

        @Test
        void ndjsonOnStdinIsReadLineByLine() {
            byte[] stdin = ("\n" + event("call_started", 1) + "\n" + "oops\n" + event("call_ended", 1) + "\n").getBytes(UTF_8);

            List<InputItem> items = read(stdin, "-");

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_ended", 1));
            assertThat(origins(items)).containsExactly("<stdin>:2", "<stdin>:3", "<stdin>:4");
        }

        @Test
        void anArrayOnStdinIsReadElementByElement() {
            byte[] stdin = ("  [" + event("call_started", 1) + ",\n" + event("call_ended", 1) + "]").getBytes(UTF_8);

            List<InputItem> items = read(stdin, "-");

            assertThat(bodies(items)).containsExactly(event("call_started", 1), event("call_ended", 1));
            assertThat(origins(items)).containsExactly("<stdin>[0]", "<stdin>[1]");
        }

        @Test
        void aPrettyPrintedObjectOnStdinIsOneEventWithAllTheBytes() {
            byte[] body = Fixtures.bytes("signature-v3-pretty-printed-with-trailing-newline.body");

            List<InputItem> items = read(body, "-");

            assertThat(items).singleElement().isEqualTo(new RecordedEvent(body, null, Origin.ofFile("<stdin>")));
        }

        @Test
        void emptyStdinHasNoEvents() {
            assertThat(read(" \n".getBytes(UTF_8), "-")).isEmpty();
        }

        @Test
        void somethingElseOnStdinIsAProblem() {
            assertThat(problems(read("hello".getBytes(UTF_8), "-")))
                    .containsExactly("<stdin>: expected a JSON object, an array of objects or NDJSON, found 'h'");
        }
    }

    @Nested
    class RecordedDeliveries {

        @Test
        void aRecordedDeliveryYieldsItsRawBodyAndItsSignatureHeader() throws IOException {
            var vector = Fixtures.vector(3);
            String body = vector.path("body").textValue();
            String delivery = "{\"headers\":{\"Content-Type\":\"application/json\",\"X-Retell-Signature\":\""
                    + vector.path("expected_signature").textValue() + "\"},\"body\":"
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body) + "}";
            Path file = write("deliveries.ndjson", delivery + "\n");

            RecordedEvent event = (RecordedEvent) read(file.toString()).get(0);

            assertThat(event.body()).isEqualTo(Fixtures.bytes("signature-v3-pretty-printed-with-trailing-newline.body"));
            assertThat(event.signatureHeader()).isEqualTo(vector.path("expected_signature").textValue());
            SignatureCheck check = new RetellSignatureVerifier(List.of(vector.path("key").textValue()),
                    Fixtures.clockAt(Instant.ofEpochMilli(vector.path("timestamp_ms").longValue())))
                    .verify(event.body(), event.signatureHeader());
            assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
        }

        @Test
        void theSignatureMayBeATopLevelFieldOrAHeaderList() throws IOException {
            Path file = write("deliveries.json", "[{\"signature\":\"v=1,d=ab\",\"body\":\"{}\"},"
                    + "{\"headers\":{\"x-retell-signature\":[\"v=2,d=cd\"]},\"body\":\"{\\\"event\\\":\\\"call_ended\\\"}\"},"
                    + "{\"headers\":{},\"body\":\"{}\"}]");

            List<InputItem> items = read(file.toString());

            assertThat(items).extracting(item -> ((RecordedEvent) item).signatureHeader())
                    .containsExactly("v=1,d=ab", "v=2,d=cd", null);
            assertThat(bodies(items)).containsExactly("{}", "{\"event\":\"call_ended\"}", "{}");
        }

        @Test
        void aRecordedDeliveryWhoseBodyIsNotAStringIsAProblem() throws IOException {
            Path file = write("deliveries.ndjson", "{\"headers\":{},\"body\":{\"event\":\"call_ended\"}}\n");

            assertThat(problems(read(file.toString()))).containsExactly(file
                    + ":1: recorded delivery: \"body\" must be the raw request body as a JSON string, found an object");
        }

        @Test
        void plainBodiesHaveNoSignature() throws IOException {
            Path file = write("plain.ndjson", event("call_started", 1) + "\n");

            assertThat(read(file.toString())).singleElement()
                    .satisfies(item -> assertThat(((RecordedEvent) item).hasSignature()).isFalse());
        }

        @Test
        void aSignatureMadeWithTheSignerVerifiesOnTheReadBody() throws IOException {
            byte[] body = Fixtures.bytes("04-outbound-transcript_updated.json");
            Instant at = Instant.parse("2026-09-21T10:00:00Z");
            String header = new RetellSigner("k1").sign(body, at);
            String delivery = "{\"headers\":{\"x-retell-signature\":\"" + header + "\"},\"body\":"
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new String(body, UTF_8)) + "}";

            RecordedEvent event = (RecordedEvent) read(delivery.getBytes(UTF_8), "-").get(0);

            assertThat(new RetellSignatureVerifier(List.of("k1"), Fixtures.clockAt(at)).verify(event.body(), event.signatureHeader()))
                    .isInstanceOf(SignatureCheck.Valid.class);
        }
    }

    @Test
    void originsNameFileAndLineOrIndex() {
        assertThat(Origin.ofLine("calls.ndjson", 17)).hasToString("calls.ndjson:17");
        assertThat(Origin.ofElement("batch.json", 12, 3)).hasToString("batch.json[3]");
        assertThat(Origin.ofFile("one.json")).hasToString("one.json");
    }
}
