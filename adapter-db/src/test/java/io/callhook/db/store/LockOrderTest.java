package io.callhook.db.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.db.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The row locks of contacts and campaigns against the foreign-key locks taken by writing calls and attempts. Runs on
 * bare handles without the retrying unit of work, so a deadlock would surface as an error instead of a retry.
 */
class LockOrderTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    private Campaign campaign;
    private Contact contact;
    private CallLinks links;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        UnitOfWork store = new PostgresUnitOfWork(DB.jdbi());
        TestWorld world = TestWorld.in(store);
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        campaign = world.processingCampaign(org, agent);
        contact = world.contact(campaign, "+14155550101");
        links = new CallLinks(org.id(), agent.id(), campaign.id(), contact.id());
    }

    /**
     * Saving a call takes KEY SHARE locks on its contact and campaign (foreign keys). Were contact and campaign locked
     * FOR UPDATE, two transactions that each saved a call of the campaign would then wait for each other's KEY SHARE:
     * a deadlock on every pair of concurrent first events of one campaign. FOR NO KEY UPDATE does not conflict with
     * KEY SHARE, so the first locker goes ahead and the second waits for it.
     */
    @Test
    void twoTransactionsThatSavedCallsOfOneCampaignLockItOneAfterTheOther() throws Exception {
        try (Handle first = DB.jdbi().open(); Handle second = DB.jdbi().open()) {
            first.begin();
            second.begin();
            PostgresStores one = new PostgresStores(first);
            PostgresStores two = new PostgresStores(second);
            one.calls().save(Call.register(new CallId("call_1"), links, TestWorld.T0));
            two.calls().save(Call.register(new CallId("call_2"), links, TestWorld.T0));

            CompletableFuture<Void> firstLocks = CompletableFuture.runAsync(() -> {
                one.contacts().lock(contact.id());
                one.campaigns().lock(campaign.id());
            });
            firstLocks.get(5, TimeUnit.SECONDS); // not blocked by the second's foreign-key locks
            CompletableFuture<Campaign> secondLocks = CompletableFuture.supplyAsync(() -> {
                two.contacts().lock(contact.id());
                return two.campaigns().lock(campaign.id()).orElseThrow();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedBackends() == 1);
            assertThat(secondLocks).isNotDone();

            one.campaigns().changeStatus(campaign.id(), CampaignStatus.PROCESSING, CampaignStatus.PAUSED, null);
            first.commit();

            assertThat(secondLocks.get(10, TimeUnit.SECONDS).status()).isEqualTo(CampaignStatus.PAUSED);
            second.commit();
        }
    }

    private static long blockedBackends() {
        return DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0")
                .mapTo(Long.class).one());
    }
}
