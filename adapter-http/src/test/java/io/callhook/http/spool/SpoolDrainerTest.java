package io.callhook.http.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.http.support.FakeIngest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDrainerTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-02T07:00:00.000001Z");

    @TempDir
    Path directory;

    @Test
    void spooledDeliveriesWaitWhileTheDatabaseIsAwayThenGoInOrderWithTheirReceiveTime() throws Exception {
        FakeIngest ingest = new FakeIngest();
        ingest.fails(new PersistenceUnavailableException("down", null));
        try (Spool spool = Spool.open(directory, 1024 * 1024)) {
            SpoolMetrics metrics = new SpoolMetrics(new MetricRegistry(), spool, Clock.systemUTC());
            SpoolDrainer drainer = new SpoolDrainer(spool, ingest, Duration.ofMillis(50), metrics);
            drainer.start();
            try {
                for (int n = 1; n <= 3; n++) {
                    spool.append(delivery(n));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> ingest.deliveries().size() >= 2);
                assertThat(spool.depth()).isEqualTo(3);
                assertThat(ingest.deliveries()).extracting(SpoolDrainerTest::text).containsOnly("delivery 1");

                ingest.answers(new IngestOutcome.Accepted("call_ended", "call_x", null));

                await().atMost(Duration.ofSeconds(10)).until(() -> spool.depth() == 0);
                List<Delivery> taken = ingest.deliveries();
                assertThat(taken.subList(taken.size() - 3, taken.size()))
                        .extracting(SpoolDrainerTest::text, Delivery::receivedAt)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("delivery 1", RECEIVED.plusSeconds(1)),
                                org.assertj.core.groups.Tuple.tuple("delivery 2", RECEIVED.plusSeconds(2)),
                                org.assertj.core.groups.Tuple.tuple("delivery 3", RECEIVED.plusSeconds(3)));
                assertThat(spool.bytes()).isZero();
                assertThat(segments()).isEmpty();
            } finally {
                drainer.stop();
            }
        }
    }

    @Test
    void aSegmentHoldingOnlyADamagedRecordIsDeletedToFreeItsSpace() throws IOException {
        try (Spool spool = Spool.open(directory, 1024 * 1024)) {
            spool.append(delivery(1));
        }
        try (RandomAccessFile file = new RandomAccessFile(segments().get(0).toFile(), "rw")) {
            file.setLength(20);
        }
        try (Spool spool = Spool.open(directory, 1024 * 1024)) {
            assertThat(spool.depth()).isZero();
            assertThat(spool.bytes()).isEqualTo(20);
            SpoolDrainer drainer = new SpoolDrainer(spool, new FakeIngest(), Duration.ofSeconds(1),
                    new SpoolMetrics(new MetricRegistry(), spool, Clock.systemUTC()));

            drainer.drainOnce();

            assertThat(spool.bytes()).isZero();
            assertThat(spool.skippedRecords()).isEqualTo(1);
            assertThat(segments()).isEmpty();
        }
    }

    private static SpooledDelivery delivery(int n) {
        return new SpooledDelivery(("delivery " + n).getBytes(StandardCharsets.UTF_8), "v=1,d=" + n,
                RECEIVED.plusSeconds(n));
    }

    private static String text(Delivery delivery) {
        return new String(delivery.body(), StandardCharsets.UTF_8);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(Spool.SEGMENT_SUFFIX)).sorted().toList();
        }
    }
}
