package io.callhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.Call;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.PhoneNumberId;
import io.callhook.core.directory.User;
import io.callhook.core.directory.UserId;
import io.callhook.core.memory.InMemoryStore;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.contract.CallHistories;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For random campaigns and call histories: any permutation and duplication of the deliveries yields the same calls,
 * contacts, campaign counters and notifications as delivering each event once in emission order; counters equal their
 * recomputation from the calls; duplicates add no activity; another organisation's records never change.
 */
class IngestionOrderProperties {

    private static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");
    private static final String OUR_NUMBER = "+14155550100";

    @Property(tries = 80)
    void deliveryOrderAndDuplicatesDoNotChangeTheResult(@ForAll @IntRange(min = 1, max = 6) int contacts,
                                                        @ForAll @IntRange(min = 0, max = 2) int inboundCalls,
                                                        @ForAll long seed) {
        Random random = new Random(seed);
        World world = World.create(contacts);
        List<List<byte[]>> histories = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            histories.add(CallHistories.outbound(World.RETELL_AGENT, OUR_NUMBER, world.campaign.id(),
                    world.contacts.get(i), i, random));
        }
        for (int i = 0; i < inboundCalls; i++) {
            histories.add(CallHistories.inbound(World.RETELL_AGENT, OUR_NUMBER, i, random));
        }

        InMemoryStore inOrder = world.newStore();
        IngestionService ordered = service(inOrder);
        histories.forEach(events -> events.forEach(body -> ordered.ingest(new Delivery(body, NOW))));

        InMemoryStore shuffled = world.newStore();
        IngestionService chaotic = service(shuffled);
        List<byte[]> deliveries = new ArrayList<>();
        for (List<byte[]> events : histories) {
            for (byte[] body : events) {
                int copies = 1 + random.nextInt(3);
                for (int c = 0; c < copies; c++) {
                    deliveries.add(body);
                }
            }
        }
        Collections.shuffle(deliveries, random);
        deliveries.forEach(body -> chaotic.ingest(new Delivery(body, NOW)));

        assertThat(Snapshot.of(shuffled, world)).isEqualTo(Snapshot.of(inOrder, world));
        assertCountersEqualRecomputation(shuffled, world.campaign.id());
        assertOtherOrganizationUntouched(shuffled, world);

        int activityBefore = read(shuffled, (Stores s) -> s.activity().find(null, null, 0, 100_000)).size();
        IngestOutcome again = chaotic.ingest(new Delivery(deliveries.get(random.nextInt(deliveries.size())), NOW));
        assertThat(again).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(read(shuffled, (Stores s) -> s.activity().find(null, null, 0, 100_000))).hasSize(activityBefore);
    }

    private static IngestionService service(UnitOfWork store) {
        return new IngestionService(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void assertCountersEqualRecomputation(UnitOfWork store, CampaignId campaignId) {
        CampaignProgress recomputed = read(store, (Stores s) -> s.calls().findByCampaign(campaignId)).stream()
                .map(CampaignProgress::of)
                .reduce(CampaignProgress.ZERO, CampaignProgress::plus);
        assertThat(read(store, (Stores s) -> s.campaigns().find(campaignId)).orElseThrow().progress()).isEqualTo(recomputed);
    }

    private static void assertOtherOrganizationUntouched(UnitOfWork store, World world) {
        assertThat(read(store, (Stores s) -> s.contacts().find(world.otherContact.id()))).contains(world.otherContact);
        assertThat(read(store, (Stores s) -> s.campaigns().find(world.otherCampaign.id()))).contains(world.otherCampaign);
        assertThat(read(store, (Stores s) -> s.activity().find(world.other.id(), null, 0, 100))).isEmpty();
        assertThat(read(store, (Stores s) -> s.notifications().findForOrganization(world.other.id(), 0, 100))).isEmpty();
    }

    private static <T> T read(UnitOfWork store, Function<Stores, T> query) {
        return store.inTransaction(query);
    }

    /** Everything the property compares, with ids that differ between runs left out (notification ids). */
    private record Snapshot(Map<String, Call> calls, List<Contact> contacts, Map<ContactId, List<ContactAttempt>> attempts,
                            Campaign campaign, List<String> notifications) {

        static Snapshot of(UnitOfWork store, World world) {
            return store.inTransaction((Stores s) -> {
                Map<String, Call> calls = new java.util.TreeMap<>();
                world.contacts.forEach(c -> s.contacts().attempts(c.id()).forEach(a ->
                        calls.put(a.callId().value(), s.calls().find(a.callId()).orElseThrow())));
                for (int i = 0; i < 3; i++) {
                    s.calls().find(new io.callhook.core.call.CallId("call_in_" + i))
                            .ifPresent(c -> calls.put(c.id().value(), c));
                }
                List<Contact> contacts = world.contacts.stream().map(c -> s.contacts().find(c.id()).orElseThrow())
                        .toList();
                Map<ContactId, List<ContactAttempt>> attempts = world.contacts.stream()
                        .collect(Collectors.toMap(Contact::id, c -> s.contacts().attempts(c.id())));
                List<String> notifications = s.notifications().findForOrganization(world.org.id(), 0, 1000).stream()
                        .map(n -> n.userId() + "/" + n.callId())
                        .sorted()
                        .toList();
                return new Snapshot(calls, contacts, attempts, s.campaigns().find(world.campaign.id()).orElseThrow(),
                        notifications);
            });
        }
    }

    /** Two organisations with fixed ids, inserted identically into every new store. */
    private record World(Organization org, List<User> users, Agent agent, PhoneNumber number, Campaign campaign,
                         List<Contact> contacts, Organization other, Agent otherAgent, Campaign otherCampaign,
                         Contact otherContact) {

        static final String RETELL_AGENT = "agent_property";

        static World create(int contactCount) {
            Organization org = new Organization(OrganizationId.random(), "Acme", NOW);
            Organization other = new Organization(OrganizationId.random(), "Other", NOW);
            List<User> users = List.of(new User(UserId.random(), org.id(), "ann@acme.test", "Ann", NOW),
                    new User(UserId.random(), org.id(), "bob@acme.test", "Bob", NOW),
                    new User(UserId.random(), other.id(), "eve@other.test", "Eve", NOW));
            Agent agent = new Agent(AgentId.random(), org.id(), RETELL_AGENT, "bot", NOW);
            Agent otherAgent = new Agent(AgentId.random(), other.id(), "agent_other", "bot", NOW);
            PhoneNumber number = new PhoneNumber(PhoneNumberId.random(), org.id(), new PhoneNumberE164(OUR_NUMBER), null,
                    NOW);
            Campaign campaign = new Campaign(CampaignId.random(), org.id(), agent.id(), "c", CampaignStatus.PROCESSING,
                    RetryPolicy.defaults(), null, CampaignProgress.ZERO, NOW, null);
            Campaign otherCampaign = new Campaign(CampaignId.random(), other.id(), otherAgent.id(), "o",
                    CampaignStatus.PROCESSING, RetryPolicy.defaults(), null, CampaignProgress.ZERO, NOW, null);
            List<Contact> contacts = new ArrayList<>();
            for (int i = 0; i < contactCount; i++) {
                contacts.add(Contact.pending(new ContactId(new UUID(0, i + 1)), campaign.id(),
                        new PhoneNumberE164("+1212555" + String.format("%04d", i)), null, Map.of(), NOW));
            }
            // the other organisation has a contact with the same number as ours: nothing may link to it
            Contact otherContact = Contact.pending(ContactId.random(), otherCampaign.id(),
                    new PhoneNumberE164("+12125550000"), null, Map.of(), NOW);
            return new World(org, users, agent, number, campaign, List.copyOf(contacts), other, otherAgent,
                    otherCampaign, otherContact);
        }

        InMemoryStore newStore() {
            InMemoryStore store = new InMemoryStore();
            store.inTransaction((Stores s) -> {
                s.directory().create(org);
                s.directory().create(other);
                users.forEach(s.directory()::create);
                s.directory().create(agent);
                s.directory().create(otherAgent);
                s.directory().create(number);
                s.campaigns().create(campaign);
                s.campaigns().create(otherCampaign);
                s.contacts().createAll(contacts);
                s.contacts().createAll(List.of(otherContact));
                return null;
            });
            return store;
        }
    }
}
