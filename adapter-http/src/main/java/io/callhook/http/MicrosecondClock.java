package io.callhook.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The system clock in whole microseconds, the precision PostgreSQL keeps: a time callhook creates (a {@code created_at},
 * a receive time) is then exactly what it reads back, so a creation's answer and later reads agree.
 *
 * <p>Not {@code Clock.tick(clock, 1 µs)}: on Java 17 that clock's {@code millis()} divides by zero for ticks under a
 * millisecond, and the signature check reads {@code millis()}.
 */
public final class MicrosecondClock extends Clock {

    private final Clock base;

    private MicrosecondClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The system clock in UTC, in whole microseconds. */
    public static Clock systemUtc() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MicrosecondClock(base.withZone(zone));
    }

    @Override
    public String toString() {
        return "MicrosecondClock[" + base + "]";
    }
}
