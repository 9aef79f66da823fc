package io.callhook.db.store;

import static io.callhook.db.store.SqlStates.CHECK_VIOLATION;
import static io.callhook.db.store.SqlStates.UNIQUE_VIOLATION;
import static io.callhook.db.store.SqlStates.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.contract.TestWorld;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresInboxRepositoryTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private UnitOfWork store;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
    }

    @Test
    void rawBytesReadBackExactlyEvenWhenTheyAreNotText() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0, '{', '}', (byte) 0xc3, (byte) 0x28, '\n'};
        InboxEntry entry = new InboxEntry("malformed:abc", "unknown", null, body, TestWorld.T0, InboxStatus.RECEIVED,
                null, 1);

        store.inTransaction(s -> s.inbox().claim(entry));
        InboxEntry loaded = find("malformed:abc");

        assertThat(loaded.body()).isEqualTo(body);
        assertThat(loaded).usingRecursiveComparison().isEqualTo(entry);
    }

    @Test
    void theSecondClaimOfAKeyReturnsFalseAndCountsTheDelivery() {
        InboxEntry first = entry("call:x:call_ended", "{\"first\":true}");
        InboxEntry redelivery = new InboxEntry(first.dedupeKey(), "call_ended", "call_x",
                "{\"second\":true}".getBytes(StandardCharsets.UTF_8), TestWorld.T0.plusSeconds(30),
                InboxStatus.RECEIVED, null, 1);

        boolean claimed = store.inTransaction(s -> s.inbox().claim(first));
        boolean claimedAgain = store.inTransaction(s -> s.inbox().claim(redelivery));

        assertThat(claimed).isTrue();
        assertThat(claimedAgain).isFalse();
        InboxEntry stored = find(first.dedupeKey());
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.body()).isEqualTo(first.body()); // the first delivery's bytes are kept
        assertThat(stored.receivedAt()).isEqualTo(first.receivedAt());
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        int claimers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < claimers; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.inTransaction(s -> s.inbox().claim(entry("call:race:call_ended", "{}")));
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> claim : claims) {
                winners += claim.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }

            assertThat(winners).isEqualTo(1);
            assertThat(find("call:race:call_ended").attempts()).isEqualTo(claimers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimRolledBackLeavesTheKeyFree() {
        try {
            store.inTransaction(s -> {
                s.inbox().claim(entry("k", "{}"));
                throw new IllegalStateException("processing failed");
            });
        } catch (IllegalStateException expected) {
            // the unit of work is rolled back
        }

        boolean claimed = store.inTransaction(s -> s.inbox().claim(entry("k", "{}")));

        assertThat(claimed).isTrue();
        assertThat(find("k").attempts()).isEqualTo(1);
    }

    @Test
    void everyStatusIsStoredAndListedOldestFirst() {
        for (InboxStatus status : InboxStatus.values()) {
            InboxEntry newer = new InboxEntry(status + "-newer", "call_ended", null, new byte[] {1},
                    TestWorld.T0.plusSeconds(10), InboxStatus.RECEIVED, null, 1);
            InboxEntry older = new InboxEntry(status + "-older", "call_ended", null, new byte[] {2}, TestWorld.T0,
                    InboxStatus.RECEIVED, null, 1);
            store.inTransaction(s -> {
                s.inbox().claim(newer);
                s.inbox().claim(older);
                s.inbox().complete(newer.dedupeKey(), status, "why " + status);
                s.inbox().complete(older.dedupeKey(), status, null);
                return null;
            });

            List<InboxEntry> listed = store.inTransaction(s -> s.inbox().findByStatus(status, 10));

            assertThat(listed).extracting(InboxEntry::dedupeKey).containsExactly(older.dedupeKey(), newer.dedupeKey());
            assertThat(listed).extracting(InboxEntry::detail).containsExactly(null, "why " + status);
        }
    }

    @Test
    void completingAnUnknownKeyChangesNothing() {
        store.inTransaction(s -> {
            s.inbox().complete("nobody", InboxStatus.APPLIED, null);
            return null;
        });

        Optional<InboxEntry> found = store.inTransaction(s -> s.inbox().find("nobody"));
        assertThat(found).isEmpty();
    }

    @Test
    void aSecondRowForADedupeKeyOrAnUnknownStatusIsImpossible() {
        store.inTransaction(s -> s.inbox().claim(entry("k", "{}")));

        assertFailsWith(UNIQUE_VIOLATION, "webhook_events_dedupe_key_key", () -> DB.jdbi().useHandle(h -> h.execute("""
                INSERT INTO webhook_events (dedupe_key, event_type, body, received_at, status)
                VALUES ('k', 'call_ended', '\\x00', now(), 'received')
                """)));
        assertFailsWith(CHECK_VIOLATION, "webhook_events_status_check", () -> DB.jdbi().useHandle(h -> h.execute(
                "UPDATE webhook_events SET status = 'done' WHERE dedupe_key = 'k'")));
    }

    private InboxEntry find(String key) {
        return store.inTransaction(s -> s.inbox().find(key)).orElseThrow();
    }

    private static InboxEntry entry(String key, String body) {
        return new InboxEntry(key, "call_ended", "call_x", body.getBytes(StandardCharsets.UTF_8), TestWorld.T0,
                InboxStatus.RECEIVED, null, 1);
    }
}
