package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MicrosecondClockTest {

    @Test
    void instantsAreWholeMicrosecondsAsPostgresqlKeepsThem() {
        Instant now = MicrosecondClock.systemUtc().instant();

        assertThat(now.getNano() % 1_000).isZero();
    }

    @Test
    void millisWorkForTheSignatureCheck() {
        Clock clock = MicrosecondClock.systemUtc();

        assertThat(clock.millis()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(1_000L));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
