package io.callhook.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignProgressTest {

    @Test
    void deltaMovesACallFromOneOutcomeToAnother() {
        CampaignProgress connected = new CampaignProgress(1, 0, Map.of(Outcome.CONNECTED, 1L));
        CampaignProgress voicemail = new CampaignProgress(1, 0, Map.of(Outcome.VOICEMAIL, 1L));

        CampaignProgress delta = voicemail.minus(connected);

        assertThat(delta).isEqualTo(new CampaignProgress(0, 0, Map.of(Outcome.VOICEMAIL, 1L, Outcome.CONNECTED, -1L)));
        assertThat(connected.plus(delta)).isEqualTo(voicemail);
    }

    @Test
    void describeListsTheNonZeroCountersWithTheirSign() {
        assertThat(new CampaignProgress(1, 1, Map.of(Outcome.CONNECTED, 1L)).describe())
                .isEqualTo("processed +1, successful +1, connected +1");
        assertThat(new CampaignProgress(0, 0, Map.of(Outcome.VOICEMAIL, 1L, Outcome.CONNECTED, -1L)).describe())
                .isEqualTo("connected -1, voicemail +1");
        assertThat(CampaignProgress.ZERO.describe()).isEqualTo("no change");
    }
}
