package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.db.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hint between server processes that inbox rows wait: asked for by one process, received by every process, sent
 * once for many requests, and never from a webhook's own transaction (no trigger on the inbox any more).
 */
class InboxNotificationsTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    @Test
    void aHintAskedForInOneProcessWakesTheOtherAndItself() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        try (InboxNotifications one = InboxNotifications.start(DB.dataSource(), first::incrementAndGet,
                Duration.ofMillis(200));
             InboxNotifications other = InboxNotifications.start(DB.dataSource(), second::incrementAndGet,
                     Duration.ofMillis(200))) {
            // both listen once a hint from one has reached the other (and come back to itself)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                one.hint();
                assertThat(second.get()).isPositive();
                assertThat(first.get()).isPositive();
            });
            int before = second.get();

            for (int i = 0; i < 50; i++) {
                one.hint();
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> second.get() > before);
            // fifty requests within a send interval or a few: a few notifications, not one each
            assertThat(second.get() - before).isLessThan(50);
        }
    }

    @Test
    void acceptingIntoTheInboxNotifiesNobodyFromItsOwnTransaction() {
        long triggers = DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'webhook_events'::regclass AND NOT tgisinternal")
                .mapTo(Long.class).one());

        assertThat(triggers).isZero();
    }
}
