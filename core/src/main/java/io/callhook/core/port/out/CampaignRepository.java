package io.callhook.core.port.out;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Campaigns and their progress counters. */
public interface CampaignRepository {

    /** Stores a new campaign. */
    void create(Campaign campaign);

    /** The campaign, without locking. */
    Optional<Campaign> find(CampaignId id);

    /**
     * Locks the campaign until the end of the unit of work and returns it. Locked after the call and the contact, so
     * lock order is always call → contact → campaign.
     */
    Optional<Campaign> lock(CampaignId id);

    /** The agent's campaigns in the given status, oldest first. */
    List<Campaign> findByAgentAndStatus(AgentId agentId, CampaignStatus status);

    /** The organisation's campaigns, newest first. */
    List<Campaign> findByOrganization(OrganizationId organizationId, int offset, int limit);

    /** Adds a (possibly negative) delta to an existing campaign's counters, atomically. */
    void addProgress(CampaignId id, CampaignProgress delta);

    /**
     * Moves the campaign from {@code from} to {@code to} if it is still in {@code from}.
     *
     * @param completedAt set when {@code to} is final, else {@code null}
     * @return whether the move happened
     */
    boolean changeStatus(CampaignId id, CampaignStatus from, CampaignStatus to, Instant completedAt);
}
