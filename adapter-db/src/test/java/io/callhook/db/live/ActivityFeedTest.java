package io.callhook.db.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The activity feed on real PostgreSQL: in order, each entry once, and correct when {@code seq} numbers commit out of
 * order (a later number visible while an earlier one is still in flight) or never commit (rolled back).
 */
class ActivityFeedTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private final ActivityFeed feed = new ActivityFeed(DB.jdbi(), 5_000);

    @BeforeEach
    void empty() {
        DB.truncateAll();
    }

    private static void append(Handle h, String entityId) {
        h.createUpdate("""
                        INSERT INTO activity_logs (id, entity_type, entity_id, action, event_name, occurred_at)
                        VALUES (:id, 'call', :entity_id, 'created', 'call_started', now())
                        """)
                .bind("id", UUID.randomUUID()).bind("entity_id", entityId).execute();
    }

    private static void append(String entityId) {
        DB.jdbi().useHandle(h -> append(h, entityId));
    }

    private static List<String> ids(ActivityFeed.Read read) {
        return read.events().stream().map(FeedEvent::entityId).toList();
    }

    @Test
    void entriesComeInOrderFromWhereTheReaderStands() {
        FeedPosition start = feed.head();
        append("a");
        append("b");
        append("c");

        ActivityFeed.Read first = feed.read(start, 2);
        ActivityFeed.Read rest = feed.read(first.next(), 10);

        assertThat(ids(first)).containsExactly("a", "b");
        assertThat(ids(rest)).containsExactly("c");
        assertThat(rest.next().seq()).isEqualTo(start.seq() + 3);
        assertThat(feed.read(rest.next(), 10).events()).isEmpty();
    }

    @Test
    void anEntryCommittedAfterALaterOneIsNotSkipped() {
        FeedPosition start = feed.head();
        try (Handle slow = DB.jdbi().open()) {
            slow.begin();
            append(slow, "slow"); // draws the next seq, commits later
            append("fast");       // draws the one after, commits now

            ActivityFeed.Read whileInFlight = feed.read(start, 10);
            ActivityFeed.Read stillInFlight = feed.read(whileInFlight.next(), 10);
            slow.commit();
            ActivityFeed.Read afterCommit = feed.read(stillInFlight.next(), 10);

            assertThat(whileInFlight.events()).isEmpty();
            assertThat(stillInFlight.events()).isEmpty();
            assertThat(ids(afterCommit)).containsExactly("slow", "fast");
        }
    }

    @Test
    void aNumberWhoseTransactionRolledBackIsPassedOnceNobodyCanStillHoldIt() {
        FeedPosition start = feed.head();
        try (Handle aborted = DB.jdbi().open()) {
            aborted.begin();
            append(aborted, "never");
            append("after");
            ActivityFeed.Read whileInFlight = feed.read(start, 10);
            aborted.rollback();

            // the first sighting of the gap waits for the transactions running then; afterwards it is passed
            FeedPosition[] position = {whileInFlight.next()};
            AtomicInteger reads = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                ActivityFeed.Read read = feed.read(position[0], 10);
                position[0] = read.next();
                reads.incrementAndGet();
                return !read.events().isEmpty() && ids(read).equals(List.of("after"));
            });
            assertThat(whileInFlight.events()).isEmpty();
            assertThat(position[0].seq()).isEqualTo(start.seq() + 2);
        }
    }

    @Test
    void theGapRuleWaitsUntilEveryTransactionRunningAtTheSightingHasEnded() {
        Instant t = Instant.parse("2026-09-01T00:00:00Z");
        FeedEvent five = new FeedEvent(5, null, "call", "x", "created", null, t);
        FeedEvent six = new FeedEvent(6, null, "call", "y", "created", null, t);

        ActivityFeed.Read firstSighting = ActivityFeed.advance(FeedPosition.after(3), List.of(five, six),
                List.of(100L, 101L));
        ActivityFeed.Read stillRunning = ActivityFeed.advance(firstSighting.next(), List.of(five, six),
                List.of(101L, 140L));
        ActivityFeed.Read allEnded = ActivityFeed.advance(stillRunning.next(), List.of(five, six), List.of(140L));

        assertThat(firstSighting.events()).isEmpty();
        assertThat(firstSighting.next()).isEqualTo(new FeedPosition(3, java.util.Set.of(100L, 101L)));
        assertThat(stillRunning.events()).isEmpty();
        assertThat(stillRunning.next()).isEqualTo(firstSighting.next());
        assertThat(allEnded.events()).containsExactly(five, six);
        assertThat(allEnded.next()).isEqualTo(FeedPosition.after(6));
    }

    @Test
    void insertsWakeListenersOnlyWhileSomeProcessIsAnnounced() throws Exception {
        try (Connection listening = DB.dataSource().getConnection()) {
            listening.setAutoCommit(true);
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + ActivityWakeups.CHANNEL);
            }
            PGConnection pg = listening.unwrap(PGConnection.class);
            UUID process = UUID.randomUUID();

            append("unwatched");
            feed.announceListener(process, Duration.ofMinutes(1));
            append("watched");
            feed.withdrawListener(process);

            // notifications arrive in commit order: once the second insert's is here, the first one's would be too
            List<PGNotification> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] batch = pg.getNotifications(100);
                if (batch != null) {
                    received.addAll(List.of(batch));
                }
                return !received.isEmpty();
            });
            assertThat(received).extracting(PGNotification::getName).containsExactly(ActivityWakeups.CHANNEL);
            long announced = DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM activity_listeners")
                    .mapTo(Long.class).one());
            assertThat(announced).isZero();
        }
    }
}
