package io.callhook.core.contract;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.CallingWindow;
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
import io.callhook.core.port.out.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Arranges directory and campaign records in a store for tests: {@code TestWorld.in(store).organization("Acme")...}.
 * Every method writes in its own unit of work and returns what it created.
 */
public final class TestWorld {

    /** A fixed instant the fixtures' timestamps (September 2026) come after. */
    public static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

    private final UnitOfWork store;

    private TestWorld(UnitOfWork store) {
        this.store = store;
    }

    public static TestWorld in(UnitOfWork store) {
        return new TestWorld(store);
    }

    public Organization organization(String name) {
        Organization org = new Organization(OrganizationId.random(), name, T0);
        store.inTransaction(s -> {
            s.directory().create(org);
            return null;
        });
        return org;
    }

    public User user(Organization org, String email) {
        User user = new User(UserId.random(), org.id(), email, email, T0);
        store.inTransaction(s -> {
            s.directory().create(user);
            return null;
        });
        return user;
    }

    public Agent agent(Organization org, String retellAgentId) {
        Agent agent = new Agent(AgentId.random(), org.id(), retellAgentId, "agent " + retellAgentId, T0);
        store.inTransaction(s -> {
            s.directory().create(agent);
            return null;
        });
        return agent;
    }

    public PhoneNumber phoneNumber(Organization org, String e164, Agent inboundAgent) {
        PhoneNumber number = new PhoneNumber(PhoneNumberId.random(), org.id(), new PhoneNumberE164(e164),
                inboundAgent == null ? null : inboundAgent.id(), T0);
        store.inTransaction(s -> {
            s.directory().create(number);
            return null;
        });
        return number;
    }

    public Campaign campaign(Organization org, Agent agent, CampaignStatus status, RetryPolicy policy,
                             CallingWindow window) {
        Campaign campaign = new Campaign(CampaignId.random(), org.id(), agent.id(), "campaign", status, policy, window,
                CampaignProgress.ZERO, T0, null);
        store.inTransaction(s -> {
            s.campaigns().create(campaign);
            return null;
        });
        return campaign;
    }

    public Campaign processingCampaign(Organization org, Agent agent) {
        return campaign(org, agent, CampaignStatus.PROCESSING, RetryPolicy.defaults(), null);
    }

    public List<Contact> contacts(Campaign campaign, String... numbers) {
        List<Contact> contacts = new ArrayList<>();
        for (String number : numbers) {
            contacts.add(Contact.pending(ContactId.random(), campaign.id(), new PhoneNumberE164(number), "contact " + number,
                    Map.of("first_name", "Pat"), T0));
        }
        return store.inTransaction(s -> s.contacts().createAll(contacts));
    }

    public Contact contact(Campaign campaign, String number) {
        return contacts(campaign, number).get(0);
    }
}
