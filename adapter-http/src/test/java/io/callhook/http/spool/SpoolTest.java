package io.callhook.http.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final long MIB = 1024 * 1024;
    private static final Instant RECEIVED = Instant.parse("2026-12-02T08:00:00.123456Z");

    @TempDir
    Path directory;

    @Test
    void appendedDeliveriesAreReadBackInOrderWithBodySignatureAndReceiveTime() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            assertThat(spool.append(delivery(1))).isTrue();
            assertThat(spool.append(delivery(2))).isTrue();
            assertThat(spool.depth()).isEqualTo(2);
            assertThat(spool.oldestReceivedAt()).contains(RECEIVED.plusSeconds(1));

            List<SpooledDelivery> drained = drainAll(spool);

            assertThat(drained).extracting(d -> new String(d.body(), StandardCharsets.UTF_8))
                    .containsExactly("{\"event\":\"call_ended\",\"n\":1}", "{\"event\":\"call_ended\",\"n\":2}");
            assertThat(drained).extracting(SpooledDelivery::signature).containsExactly("v=1,d=sig1", "v=1,d=sig2");
            assertThat(drained).extracting(SpooledDelivery::receivedAt)
                    .containsExactly(RECEIVED.plusSeconds(1), RECEIVED.plusSeconds(2));
            assertThat(spool.depth()).isZero();
            assertThat(spool.bytes()).isZero();
            assertThat(spool.oldestReceivedAt()).isEmpty();
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void aSpoolOpenedAgainReadsTheSegmentsAnEarlierRunLeft() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(delivery(1));
            spool.append(delivery(2));
        }
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(delivery(3));
            assertThat(spool.depth()).isEqualTo(3);
            assertThat(spool.oldestReceivedAt()).contains(RECEIVED.plusSeconds(1));

            assertThat(drainAll(spool)).extracting(SpooledDelivery::signature)
                    .containsExactly("v=1,d=sig1", "v=1,d=sig2", "v=1,d=sig3");
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void aRecordCutShortByACrashIsSkippedAndCountedAndTheRecordsBeforeItAreKept() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(delivery(1));
            spool.append(delivery(2));
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(whole - 5); // the second record lost its last bytes
        }

        try (Spool spool = Spool.open(directory, MIB)) {
            assertThat(spool.depth()).isEqualTo(1);
            assertThat(spool.skippedRecords()).isEqualTo(1);

            assertThat(drainAll(spool)).extracting(SpooledDelivery::signature).containsExactly("v=1,d=sig1");
            assertThat(spool.depth()).isZero();
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void aZeroFilledTailLeftByACrashIsSkipped() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(delivery(1));
        }
        Files.write(segments().get(0), new byte[64], StandardOpenOption.APPEND);

        try (Spool spool = Spool.open(directory, MIB)) {
            assertThat(spool.depth()).isEqualTo(1);
            assertThat(spool.skippedRecords()).isEqualTo(1);
            assertThat(drainAll(spool)).hasSize(1);
        }
    }

    @Test
    void aRecordFailingItsChecksumIsDetectedAndSkippedAndTheRecordsAfterItAreKept() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(delivery(1));
            spool.append(delivery(2));
            spool.append(delivery(3));
        }
        Path segment = segments().get(0);
        int recordLength = Spool.encode(delivery(1)).remaining();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long inSecondBody = recordLength + recordLength - 3;
            file.seek(inSecondBody);
            int original = file.read();
            file.seek(inSecondBody);
            file.write(original ^ 0xFF);
        }

        try (Spool spool = Spool.open(directory, MIB)) {
            assertThat(spool.depth()).isEqualTo(2);
            assertThat(spool.skippedRecords()).isEqualTo(1);
            assertThat(drainAll(spool)).extracting(SpooledDelivery::signature)
                    .containsExactly("v=1,d=sig1", "v=1,d=sig3");
        }
    }

    @Test
    void anAppendBeyondTheSizeLimitIsRefusedAndNothingIsWritten() throws IOException {
        int recordLength = Spool.encode(delivery(1)).remaining();
        try (Spool spool = Spool.open(directory, 2L * recordLength + 1)) {
            assertThat(spool.append(delivery(1))).isTrue();
            assertThat(spool.append(delivery(2))).isTrue();
            assertThat(spool.isFull()).isFalse();

            assertThat(spool.append(delivery(3))).isFalse();

            assertThat(spool.isFull()).isTrue();
            assertThat(spool.depth()).isEqualTo(2);
            assertThat(spool.bytes()).isEqualTo(2L * recordLength);
            assertThat(Files.size(segments().get(0))).isEqualTo(2L * recordLength);

            drainAll(spool);
            assertThat(spool.isFull()).isFalse();
            assertThat(spool.append(delivery(3))).isTrue();
        }
    }

    @Test
    void aDeliveryTheSinkRefusesStaysSpooledAndIsHandedOverAgainFirst() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(delivery(1));
            spool.append(delivery(2));
            List<String> taken = new ArrayList<>();

            assertThatThrownBy(() -> spool.drainTo(d -> {
                if (d.signature().equals("v=1,d=sig2")) {
                    throw new IllegalStateException("database gone");
                }
                taken.add(d.signature());
            })).isInstanceOf(IllegalStateException.class);
            assertThat(taken).containsExactly("v=1,d=sig1");
            assertThat(spool.depth()).isEqualTo(1);
            assertThat(spool.oldestReceivedAt()).contains(RECEIVED.plusSeconds(2));

            spool.append(delivery(3));
            assertThat(drainAll(spool)).extracting(SpooledDelivery::signature)
                    .containsExactly("v=1,d=sig2", "v=1,d=sig3");
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefused() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            assertThatThrownBy(() -> Spool.open(directory, MIB))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another server process");
        }
    }

    private static SpooledDelivery delivery(int n) {
        return new SpooledDelivery(("{\"event\":\"call_ended\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8),
                "v=1,d=sig" + n, RECEIVED.plusSeconds(n));
    }

    private static List<SpooledDelivery> drainAll(Spool spool) throws IOException {
        List<SpooledDelivery> drained = new ArrayList<>();
        spool.drainTo(drained::add);
        return drained;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(Spool.SEGMENT_SUFFIX)).sorted().toList();
        }
    }
}
