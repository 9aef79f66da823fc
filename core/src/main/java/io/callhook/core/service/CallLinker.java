package io.callhook.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.callhook.core.call.CallLinks;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.port.out.Stores;
import io.callhook.core.retell.CallSnapshot;
import io.callhook.core.retell.Direction;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides what a new call belongs to, from its first event:
 * <ol>
 *   <li>the organisation of its agent, or of our phone number on the call (the called number for inbound calls, whose
 *       number decides before the agent);</li>
 *   <li>for calls that are not inbound, the campaign and contact named in {@code metadata.campaign_id} and
 *       {@code metadata.contact_id} when they exist and belong to that organisation; otherwise the agent's
 *       {@code processing} campaign whose contact with the dialled number awaits a call.</li>
 * </ol>
 * Nothing is linked across organisations.
 */
final class CallLinker {

    private CallLinker() {
    }

    static CallLinks link(Stores stores, CallSnapshot call, ChangeRecorder changes) {
        Optional<Agent> agent = Optional.ofNullable(call.agentId()).flatMap(stores.directory()::agentByRetellId);
        if (call.agentId() != null && agent.isEmpty()) {
            changes.record(null, "agent", call.agentId(), "unknown_agent", null, null);
        }
        boolean inbound = call.direction() == Direction.INBOUND;
        Optional<PhoneNumber> ourNumber = PhoneNumberE164.normalise(inbound ? call.toNumber() : call.fromNumber())
                .flatMap(stores.directory()::phoneNumber);
        if (inbound && ourNumber.isEmpty()) {
            changes.record(null, "phone_number", String.valueOf(call.toNumber()), "unknown_number", null, null);
        }
        OrganizationId organization = inbound
                ? ourNumber.map(PhoneNumber::organizationId).or(() -> agent.map(Agent::organizationId)).orElse(null)
                : agent.map(Agent::organizationId).or(() -> ourNumber.map(PhoneNumber::organizationId)).orElse(null);
        if (organization == null) {
            return CallLinks.NONE;
        }
        Optional<Agent> ownAgent = agent.filter(a -> a.organizationId().equals(organization));
        CallLinks orgOnly = new CallLinks(organization, ownAgent.map(Agent::id).orElse(null), null, null);
        if (inbound) {
            return orgOnly;
        }
        Optional<Contact> contact = byMetadata(stores, call.metadata(), organization, changes)
                .or(() -> ownAgent.flatMap(a -> byDialledNumber(stores, a, call.toNumber())));
        return contact
                .map(c -> new CallLinks(organization, orgOnly.agentId(), c.campaignId(), c.id()))
                .orElse(orgOnly);
    }

    private static Optional<Contact> byMetadata(Stores stores, JsonNode metadata, OrganizationId organization,
                                                ChangeRecorder changes) {
        Optional<UUID> campaignId = uuid(metadata, "campaign_id");
        Optional<UUID> contactId = uuid(metadata, "contact_id");
        if (campaignId.isEmpty() || contactId.isEmpty()) {
            return Optional.empty();
        }
        CampaignId campaign = new CampaignId(campaignId.get());
        Optional<Contact> contact = stores.contacts().find(new ContactId(contactId.get()))
                .filter(c -> c.campaignId().equals(campaign))
                .filter(c -> stores.campaigns().find(campaign)
                        .map(Campaign::organizationId).filter(organization::equals).isPresent());
        if (contact.isEmpty()) {
            changes.record(organization, "campaign", campaign.toString(), "link_refused", null,
                    "metadata names contact " + contactId.get() + " which is not a contact of this campaign");
        }
        return contact;
    }

    private static Optional<Contact> byDialledNumber(Stores stores, Agent agent, String toNumber) {
        Optional<PhoneNumberE164> dialled = PhoneNumberE164.normalise(toNumber);
        if (dialled.isEmpty()) {
            return Optional.empty();
        }
        for (Campaign campaign : stores.campaigns().findByAgentAndStatus(agent.id(), CampaignStatus.PROCESSING)) {
            Optional<Contact> contact = stores.contacts().findByNumber(campaign.id(), dialled.get())
                    .filter(c -> c.status().awaitsCall());
            if (contact.isPresent()) {
                return contact;
            }
        }
        return Optional.empty();
    }

    private static Optional<UUID> uuid(JsonNode metadata, String field) {
        if (metadata == null || !metadata.path(field).isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(metadata.path(field).asText()));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
