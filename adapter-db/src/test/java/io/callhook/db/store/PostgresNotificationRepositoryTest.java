package io.callhook.db.store;

import static io.callhook.db.store.SqlStates.UNIQUE_VIOLATION;
import static io.callhook.db.store.SqlStates.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.CallId;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresNotificationRepositoryTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private UnitOfWork store;
    private TestWorld world;
    private Organization org;
    private User ann;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        world = TestWorld.in(store);
        org = world.organization("Acme");
        ann = world.user(org, "ann@acme.test");
    }

    @Test
    void notificationReadsBackEqualWithAndWithoutNumbers() {
        Notification full = new Notification(NotificationId.random(), org.id(), ann.id(), new CallId("call_1"),
                "+13105550123", "+14155550100", TestWorld.T0.plusSeconds(2), TestWorld.T0.plusSeconds(9));
        Notification bare = new Notification(NotificationId.random(), org.id(), ann.id(), new CallId("call_2"), null,
                null, TestWorld.T0.plusSeconds(1), null);

        store.inTransaction(s -> s.notifications().addIfAbsent(full) && s.notifications().addIfAbsent(bare));

        List<Notification> listed = store.inTransaction(s -> s.notifications().findForOrganization(org.id(), 0, 10));
        assertThat(listed).containsExactly(bare, full);
    }

    @Test
    void eachUserGetsOneNotificationPerCall() {
        User bob = world.user(org, "bob@acme.test");
        CallId call = new CallId("call_1");

        boolean annFirst = store.inTransaction(s -> s.notifications().addIfAbsent(notification(ann, call)));
        boolean bobFirst = store.inTransaction(s -> s.notifications().addIfAbsent(notification(bob, call)));
        boolean annAgain = store.inTransaction(s -> s.notifications().addIfAbsent(notification(ann, call)));

        assertThat(annFirst).isTrue();
        assertThat(bobFirst).isTrue();
        assertThat(annAgain).isFalse();
        List<Notification> listed = store.inTransaction(s -> s.notifications().findForOrganization(org.id(), 0, 10));
        assertThat(listed).extracting(Notification::userId).containsExactlyInAnyOrder(ann.id(), bob.id());
    }

    @Test
    void aSecondNotificationForAUserAndCallIsImpossible() {
        store.inTransaction(s -> s.notifications().addIfAbsent(notification(ann, new CallId("call_1"))));

        assertFailsWith(UNIQUE_VIOLATION, "notifications_user_call_key", () -> DB.jdbi().useHandle(h -> h
                .createUpdate("""
                        INSERT INTO notifications (id, organization_id, user_id, call_id, created_at)
                        VALUES (gen_random_uuid(), :org, :user, 'call_1', now())
                        """).bind("org", org.id().value()).bind("user", ann.id().value()).execute()));
    }

    @Test
    void anotherOrganizationsNotificationsAreNotListed() {
        Organization other = world.organization("Other");
        User stranger = world.user(other, "x@other.test");
        store.inTransaction(s -> s.notifications().addIfAbsent(notification(stranger, new CallId("call_1"))));

        List<Notification> listed = store.inTransaction(s -> s.notifications().findForOrganization(org.id(), 0, 10));

        assertThat(listed).isEmpty();
    }

    private Notification notification(User user, CallId call) {
        return new Notification(NotificationId.random(), user.organizationId(), user.id(), call, "+13105550123",
                "+14155550100", TestWorld.T0, null);
    }
}
