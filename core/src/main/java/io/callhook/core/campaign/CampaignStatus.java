package io.callhook.core.campaign;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's status and the legal moves between them: {@code DRAFT → PROCESSING ⇄ PAUSED}, then
 * {@code COMPLETED} (when no contact is left to call) or {@code CANCELLED}. Completed and cancelled are final.
 */
public enum CampaignStatus {
    DRAFT, PROCESSING, PAUSED, COMPLETED, CANCELLED;

    private static final Map<CampaignStatus, Set<CampaignStatus>> LEGAL = Map.of(
            DRAFT, EnumSet.of(PROCESSING, CANCELLED),
            PROCESSING, EnumSet.of(PAUSED, COMPLETED, CANCELLED),
            PAUSED, EnumSet.of(PROCESSING, COMPLETED, CANCELLED),
            COMPLETED, EnumSet.noneOf(CampaignStatus.class),
            CANCELLED, EnumSet.noneOf(CampaignStatus.class));

    /** Whether moving from this status to {@code target} is allowed. */
    public boolean canMoveTo(CampaignStatus target) {
        return LEGAL.get(this).contains(target);
    }

    /** Why the move is not allowed, or {@code null} when it is. */
    public String refusalTo(CampaignStatus target) {
        if (canMoveTo(target)) {
            return null;
        }
        if (this == target) {
            return "campaign is already " + wire();
        }
        Set<CampaignStatus> allowed = LEGAL.get(this);
        return "a " + wire() + " campaign cannot become " + target.wire()
                + (allowed.isEmpty() ? " (" + wire() + " is final)" : "; allowed: " + allowed.stream().map(CampaignStatus::wire).toList());
    }

    /** Whether events of this campaign's calls move it forward and it may complete by itself. */
    public boolean isActive() {
        return this == PROCESSING || this == PAUSED;
    }

    /** Lower-case name used in APIs and storage. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
