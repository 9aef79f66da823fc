package io.callhook.db.race;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
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
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.service.IngestionService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two organisations with ids fixed at creation, inserted identically into any store (PostgreSQL schemas, the in-memory
 * store), so that what one delivery does in one store can be compared with what it does in another.
 *
 * <p>Ours: three users, agent {@value #RETELL_AGENT}, number {@value #OUR_NUMBER}, one processing campaign with
 * contacts {@code +12125550000, +12125550001, ...}. The other: one agent, one campaign, and one contact with the same
 * number as our first contact, which nothing delivered here may touch.
 */
record RaceWorld(Organization org, List<User> users, Agent agent, PhoneNumber number, Campaign campaign,
                 List<Contact> contacts, Organization other, Agent otherAgent, Campaign otherCampaign,
                 Contact otherContact) {

    static final Instant NOW = Instant.parse("2026-09-22T12:00:00Z");
    static final String RETELL_AGENT = "agent_race";
    static final String OUR_NUMBER = "+14155550100";

    static RaceWorld create(int contactCount, RetryPolicy policy) {
        Organization org = new Organization(OrganizationId.random(), "Acme", NOW);
        Organization other = new Organization(OrganizationId.random(), "Other", NOW);
        // created one after the other: users created at the same instant are listed in insertion order in memory but
        // in id order by PostgreSQL, and the order users are notified in shows in the activity log
        List<User> users = List.of(new User(UserId.random(), org.id(), "ann@acme.test", "Ann", NOW.minusSeconds(3)),
                new User(UserId.random(), org.id(), "bob@acme.test", "Bob", NOW.minusSeconds(2)),
                new User(UserId.random(), org.id(), "cy@acme.test", "Cy", NOW.minusSeconds(1)),
                new User(UserId.random(), other.id(), "eve@other.test", "Eve", NOW));
        Agent agent = new Agent(AgentId.random(), org.id(), RETELL_AGENT, "bot", NOW);
        Agent otherAgent = new Agent(AgentId.random(), other.id(), "agent_other", "bot", NOW);
        PhoneNumber number = new PhoneNumber(PhoneNumberId.random(), org.id(), new PhoneNumberE164(OUR_NUMBER), null,
                NOW);
        Campaign campaign = new Campaign(CampaignId.random(), org.id(), agent.id(), "race", CampaignStatus.PROCESSING,
                policy, null, CampaignProgress.ZERO, NOW, null);
        Campaign otherCampaign = new Campaign(CampaignId.random(), other.id(), otherAgent.id(), "other",
                CampaignStatus.PROCESSING, RetryPolicy.defaults(), null, CampaignProgress.ZERO, NOW, null);
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < contactCount; i++) {
            contacts.add(Contact.pending(new ContactId(new UUID(0, i + 1)), campaign.id(),
                    new PhoneNumberE164(contactNumber(i)), "contact " + i, Map.of(), NOW));
        }
        Contact otherContact = Contact.pending(ContactId.random(), otherCampaign.id(),
                new PhoneNumberE164(contactNumber(0)), null, Map.of(), NOW);
        return new RaceWorld(org, users, agent, number, campaign, List.copyOf(contacts), other, otherAgent,
                otherCampaign, otherContact);
    }

    static String contactNumber(int index) {
        return "+1212555" + String.format("%04d", index);
    }

    /** The users of our organisation (the world's last user belongs to the other one). */
    List<User> ourUsers() {
        return users.stream().filter(u -> u.organizationId().equals(org.id())).toList();
    }

    /** Writes every record of the world in one unit of work. */
    void insertInto(UnitOfWork store) {
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
    }

    /** The ingestion use case on {@code store}, its clock fixed at {@link #NOW}. */
    static IngestionService service(UnitOfWork store) {
        return new IngestionService(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
