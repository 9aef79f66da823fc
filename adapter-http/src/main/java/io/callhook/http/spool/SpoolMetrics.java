package io.callhook.http.spool;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The spool's metrics:
 * <ul>
 *   <li>{@code callhook.spool.depth} (gauge): deliveries waiting in the spool;</li>
 *   <li>{@code callhook.spool.bytes} (gauge): bytes the spool takes on disk;</li>
 *   <li>{@code callhook.spool.oldest_age_seconds} (gauge): how long the oldest waiting delivery has waited (0 when
 *       empty);</li>
 *   <li>{@code callhook.spool.skipped_records} (gauge): damaged records skipped (cut short by a crash, bad checksum);</li>
 *   <li>{@code callhook.spool.spooled}, {@code callhook.spool.drained}, {@code callhook.spool.refused} (meters):
 *       deliveries written to the spool, moved into the inbox, and refused because the spool was full or could not
 *       be written (answered 503).</li>
 * </ul>
 */
public final class SpoolMetrics {

    public static final String DEPTH = "callhook.spool.depth";
    public static final String BYTES = "callhook.spool.bytes";
    public static final String OLDEST_AGE_SECONDS = "callhook.spool.oldest_age_seconds";
    public static final String SKIPPED_RECORDS = "callhook.spool.skipped_records";
    public static final String SPOOLED = "callhook.spool.spooled";
    public static final String DRAINED = "callhook.spool.drained";
    public static final String REFUSED = "callhook.spool.refused";

    private final Spool spool;
    private final Clock clock;
    private final Meter spooled;
    private final Meter drained;
    private final Meter refused;

    public SpoolMetrics(MetricRegistry registry, Spool spool, Clock clock) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.clock = Objects.requireNonNull(clock, "clock");
        registry.register(DEPTH, (Gauge<Long>) spool::depth);
        registry.register(BYTES, (Gauge<Long>) spool::bytes);
        registry.register(OLDEST_AGE_SECONDS, (Gauge<Double>) () -> oldestAge().toMillis() / 1000.0);
        registry.register(SKIPPED_RECORDS, (Gauge<Long>) spool::skippedRecords);
        this.spooled = registry.meter(SPOOLED);
        this.drained = registry.meter(DRAINED);
        this.refused = registry.meter(REFUSED);
    }

    /** How long the oldest waiting delivery has waited; zero when the spool is empty. */
    public Duration oldestAge() {
        Instant now = clock.instant();
        return spool.oldestReceivedAt().map(oldest -> Duration.between(oldest, now))
                .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
    }

    public void spooled() {
        spooled.mark();
    }

    public void drained() {
        drained.mark();
    }

    public void refused() {
        refused.mark();
    }
}
