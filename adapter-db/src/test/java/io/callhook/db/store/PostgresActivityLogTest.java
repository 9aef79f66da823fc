package io.callhook.db.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresActivityLogTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private UnitOfWork store;
    private Organization org;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        org = TestWorld.in(store).organization("Acme");
    }

    @Test
    void entriesReadBackEqualInTheOrderTheyOccurredThenWereAppended() {
        ActivityEntry full = entry(org.id(), "call_1", TestWorld.T0.plusSeconds(5), "ongoing", "ended");
        ActivityEntry unattributed = new ActivityEntry(UUID.randomUUID(), null, "phone_number", "+14155550100",
                "unknown_number", "call_inbound", null, null, null, TestWorld.T0.plusSeconds(5));
        ActivityEntry earlier = entry(org.id(), "call_0", TestWorld.T0, null, "registered");

        append(List.of(full, unattributed, earlier));

        assertThat(find(null, null, 0, 10)).containsExactly(earlier, full, unattributed);
        assertThat(find(org.id(), null, 0, 10)).containsExactly(earlier, full);
        assertThat(find(null, TestWorld.T0.plusSeconds(5), 1, 10)).containsExactly(unattributed);
    }

    @Test
    void aLargeBatchGoesInWithOneStatementInOrder() {
        List<ActivityEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            entries.add(entry(org.id(), "call_" + i, TestWorld.T0, null, "step " + i));
        }

        append(entries);

        assertThat(find(org.id(), TestWorld.T0, 0, 5_000)).containsExactlyElementsOf(entries);
    }

    @Test
    void anEmptyBatchAppendsNothing() {
        append(List.of());

        assertThat(find(null, null, 0, 10)).isEmpty();
    }

    private void append(List<ActivityEntry> entries) {
        store.inTransaction(s -> {
            s.activity().append(entries);
            return null;
        });
    }

    private List<ActivityEntry> find(OrganizationId organizationId, Instant since, int offset, int limit) {
        return store.inTransaction(s -> s.activity().find(organizationId, since, offset, limit));
    }

    private static ActivityEntry entry(OrganizationId org, String callId, Instant at, String before, String after) {
        return new ActivityEntry(UUID.randomUUID(), org, "call", callId, "state_changed", "call_ended", callId, before,
                after, at);
    }
}
