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
            h.execute("DELETE FROM webhook_events");
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

    @Test
    void ingestionCountsWhatWaitsAndTheLagOfWhatWasApplied() {
        Jdbi jdbi = DB.jdbi();
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM webhook_events");
            h.execute("""
                    INSERT INTO webhook_events (dedupe_key, event_type, body, received_at, status, attempts, applied_at)
                    VALUES ('a1', 'call_ended', '\\x7b7d'::bytea, now() - interval '2 seconds', 'applied', 1,
                            now() - interval '1900 milliseconds'),
                           ('a2', 'call_ended', '\\x7b7d'::bytea, now() - interval '2 seconds', 'applied', 1,
                            now() - interval '1700 milliseconds'),
                           ('p1', 'call_ended', '\\x7b7d'::bytea, now() - interval '40 seconds', 'pending', 1, NULL),
                           ('p2', 'call_ended', '\\x7b7d'::bytea, now(), 'pending', 1, NULL),
                           ('f1', 'call_ended', '\\x7b7d'::bytea, now(), 'failed', 1, NULL),
                           ('d1', 'call_ended', '\\x7b7d'::bytea, now(), 'dead', 1, NULL)
                    """);
        });

        WebhookHealth.Ingestion ingestion = new WebhookHealthReader(jdbi, Clock.systemUTC(), 5_000)
                .read(Duration.ofMinutes(15)).ingestion();

        assertThat(ingestion).extracting(WebhookHealth.Ingestion::pending, WebhookHealth.Ingestion::failed,
                        WebhookHealth.Ingestion::dead, WebhookHealth.Ingestion::applyLagP50Millis,
                        WebhookHealth.Ingestion::applyLagP99Millis)
                .containsExactly(2L, 1L, 1L, 200L, 298L);
        assertThat(ingestion.oldestPendingSeconds()).isBetween(40L, 45L);
    }

    @Test
    void ingestionWithNothingWaitingOrAppliedHasNoAgeAndNoLag() {
        DB.jdbi().useHandle(h -> h.execute("DELETE FROM webhook_events"));

        WebhookHealth.Ingestion ingestion = new WebhookHealthReader(DB.jdbi(), Clock.systemUTC(), 5_000)
                .read(Duration.ofMinutes(15)).ingestion();

        assertThat(ingestion).isEqualTo(new WebhookHealth.Ingestion(0, 0, 0, null, null, null));
    }

    private static void insertDelivery(Handle h, String key, String status, int attempts) {
        h.createUpdate("""
                        INSERT INTO webhook_events (dedupe_key, event_type, body, received_at, status, attempts)
                        VALUES (:key, 'call_ended', '\\x7b7d'::bytea, now(), :status, :attempts)
                        """)
                .bind("key", key).bind("status", status).bind("attempts", attempts).execute();
    }
}
