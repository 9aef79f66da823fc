package io.callhook.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignStatusTest {

    @Test
    void legalTransitionsAreExactlyTheTable() {
        Set<String> legal = new java.util.TreeSet<>();
        for (CampaignStatus from : CampaignStatus.values()) {
            for (CampaignStatus to : CampaignStatus.values()) {
                if (from.canMoveTo(to)) {
                    legal.add(from.wire() + "->" + to.wire());
                }
            }
        }

        assertThat(legal).containsExactlyInAnyOrder("draft->processing", "draft->cancelled", "processing->paused",
                "processing->completed", "processing->cancelled", "paused->processing", "paused->completed",
                "paused->cancelled");
    }

    @Test
    void refusalSaysWhatIsAllowed() {
        assertThat(CampaignStatus.DRAFT.refusalTo(CampaignStatus.PAUSED))
                .isEqualTo("a draft campaign cannot become paused; allowed: [processing, cancelled]");
        assertThat(CampaignStatus.COMPLETED.refusalTo(CampaignStatus.PROCESSING))
                .isEqualTo("a completed campaign cannot become processing (completed is final)");
        assertThat(CampaignStatus.PAUSED.refusalTo(CampaignStatus.PAUSED)).isEqualTo("campaign is already paused");
        assertThat(CampaignStatus.PAUSED.refusalTo(CampaignStatus.PROCESSING)).isNull();
    }

    @Test
    void onlyProcessingAndPausedCampaignsAreActive() {
        assertThat(EnumSet.allOf(CampaignStatus.class).stream().filter(CampaignStatus::isActive))
                .containsExactly(CampaignStatus.PROCESSING, CampaignStatus.PAUSED);
    }
}
