package io.callhook.core.call;

import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;

/**
 * What a call belongs to. Decided once, from the first event seen for the call, and never changed afterwards: the
 * organisation (of its agent or phone number), our agent, and the campaign and contact it was made for. Every
 * component may be {@code null} (a call that links to nothing is still recorded).
 */
public record CallLinks(OrganizationId organizationId, AgentId agentId, CampaignId campaignId, ContactId contactId) {

    /** Links to nothing known. */
    public static final CallLinks NONE = new CallLinks(null, null, null, null);

    /** Whether the call counts towards a campaign contact. */
    public boolean isCampaignCall() {
        return campaignId != null && contactId != null;
    }
}
