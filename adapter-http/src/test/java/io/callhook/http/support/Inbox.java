package io.callhook.http.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.db.testing.TestDatabase;
import java.time.Duration;

/** Webhooks are applied behind their acknowledgement: tests that read what one did wait for the appliers first. */
public final class Inbox {

    private Inbox() {
    }

    /** Waits until every accepted delivery in {@code database} has been applied. */
    public static void awaitApplied(TestDatabase database) {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(database.unappliedInboxEntries()).as("unapplied inbox entries").isZero());
    }
}
