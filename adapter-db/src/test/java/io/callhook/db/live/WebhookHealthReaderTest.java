package io.callhook.db.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.db.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook health per minute from the inbox and the signature-failure counts of every process. */
class WebhookHealthReaderTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    @Test
    void healthCountsDeliveriesAndSignatureFailuresPerMinute() {
        Instant now = Instant.now();
        Jdbi jdbi = DB.jdbi();
        jdbi.useHandle(h -> {
            insertDelivery(h, "k1", "applied", 1);
            insertDelivery(h, "k2", "applied", 3);
            insertDelivery(h, "k3", "rejected", 1);
        });
        WebhookHealthReader reader = new WebhookHealthReader(jdbi, Clock.systemUTC(), 5_000);
        reader.addSignatureFailures(now, java.util.Map.of("mismatch", 2L, "missing", 0L));
        reader.addSignatureFailures(now, java.util.Map.of("mismatch", 1L, "outside_window", 4L));

        WebhookHealth health = reader.read(Duration.ofMinutes(15));

        assertThat(health.minutes()).hasSize(15);
        WebhookHealth.Minute current = health.minutes().get(14);
        assertThat(current).extracting(WebhookHealth.Minute::applied, WebhookHealth.Minute::duplicate,
                WebhookHealth.Minute::rejected, WebhookHealth.Minute::signatureFailures)
                .containsExactly(2L, 2L, 1L, 7L);
        assertThat(health.signatureFailures()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "missing", 0L, "malformed", 0L, "outside_window", 4L, "mismatch", 3L));
    }

    private static void insertDelivery(Handle h, String key, String status, int attempts) {
        h.createUpdate("""
                        INSERT INTO webhook_events (dedupe_key, event_type, body, received_at, status, attempts)
                        VALUES (:key, 'call_ended', '\\x7b7d'::bytea, now(), :status, :attempts)
                        """)
                .bind("key", key).bind("status", status).bind("attempts", attempts).execute();
    }
}
