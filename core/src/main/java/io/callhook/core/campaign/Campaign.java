package io.callhook.core.campaign;

import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;
import java.time.Instant;
import java.util.Objects;

/**
 * An outbound campaign: one agent calling a list of contacts under a retry policy and an optional calling window.
 *
 * @param callingWindow when calls may be placed, or {@code null} for any time
 * @param completedAt   when it completed or was cancelled, or {@code null}
 */
public record Campaign(CampaignId id, OrganizationId organizationId, AgentId agentId, String name, CampaignStatus status,
                       RetryPolicy retryPolicy, CallingWindow callingWindow, CampaignProgress progress,
                       Instant createdAt, Instant completedAt) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** This campaign with its counters moved by {@code delta}. */
    public Campaign withProgressAdded(CampaignProgress delta) {
        return new Campaign(id, organizationId, agentId, name, status, retryPolicy, callingWindow, progress.plus(delta),
                createdAt, completedAt);
    }

    /** This campaign in another status. */
    public Campaign withStatus(CampaignStatus newStatus, Instant newCompletedAt) {
        return new Campaign(id, organizationId, agentId, name, newStatus, retryPolicy, callingWindow, progress, createdAt,
                newCompletedAt);
    }

    /** When the next attempt after one that finished at {@code finishedAt} may be placed. */
    public Instant nextAttemptAfter(Instant finishedAt) {
        Instant earliest = finishedAt.plus(retryPolicy.delay());
        return callingWindow == null ? earliest : callingWindow.nextOpening(earliest);
    }
}
