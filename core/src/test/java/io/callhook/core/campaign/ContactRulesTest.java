package io.callhook.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumberE164;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactRulesTest {

    private static final Instant T = Instant.parse("2026-03-04T15:00:00Z"); // Wednesday 10:00 in New York

    private final Contact pending = Contact.pending(ContactId.random(), CampaignId.random(),
            new PhoneNumberE164("+12125550198"), "Pat", Map.of(), T);

    private static Campaign campaign(RetryPolicy policy, CallingWindow window) {
        return new Campaign(CampaignId.random(), OrganizationId.random(), AgentId.random(), "c", CampaignStatus.PROCESSING,
                policy, window, CampaignProgress.ZERO, T, null);
    }

    private List<ContactAttempt> attempts(Outcome... outcomes) {
        List<ContactAttempt> list = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Instant finished = outcomes[i] == null ? null : T.plusSeconds(60L * i);
            list.add(new ContactAttempt(pending.id(), i + 1, new CallId("call_" + i), outcomes[i], finished));
        }
        return list;
    }

    private Contact derive(List<ContactAttempt> attempts) {
        return ContactRules.derive(pending, attempts, campaign(RetryPolicy.defaults(), null));
    }

    @Test
    void noAttemptMeansPending() {
        assertThat(derive(List.of()).status()).isEqualTo(ContactStatus.PENDING);
    }

    @Test
    void attemptUnderWayMeansCalling() {
        assertThat(derive(attempts((Outcome) null)).status()).isEqualTo(ContactStatus.CALLING);
    }

    @Test
    void reachingAPersonCompletesTheContact() {
        Contact done = derive(attempts(Outcome.NO_ANSWER, Outcome.CONNECTED));

        assertThat(done.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.lastOutcome()).isEqualTo(Outcome.CONNECTED);
        assertThat(done.nextAttemptAt()).isNull();
    }

    @Test
    void noAnswerIsRetriedAfterTheDelay() {
        Contact retry = derive(attempts(Outcome.NO_ANSWER));

        assertThat(retry.status()).isEqualTo(ContactStatus.RETRY_SCHEDULED);
        assertThat(retry.nextAttemptAt()).isEqualTo(T.plus(Duration.ofHours(1)));
    }

    @Test
    void attemptsRunOutAfterTheMaximum() {
        Contact failed = derive(attempts(Outcome.NO_ANSWER, Outcome.BUSY, Outcome.FAILED));

        assertThat(failed.status()).isEqualTo(ContactStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("attempts exhausted: 3 of 3, last failed");
    }

    @Test
    void declinedInvalidAndSpamAreNeverRetried() {
        for (Outcome outcome : List.of(Outcome.DECLINED, Outcome.INVALID_NUMBER, Outcome.SPAM_FLAGGED)) {
            Contact failed = ContactRules.derive(pending, attempts(outcome),
                    campaign(new RetryPolicy(EnumSet.allOf(Outcome.class), 5, Duration.ZERO), null));
            assertThat(failed.status()).as(outcome.name()).isEqualTo(ContactStatus.FAILED);
        }
    }

    @Test
    void voicemailIsRetriedOnlyWhenThePolicySaysSo() {
        RetryPolicy withVoicemail = new RetryPolicy(EnumSet.of(Outcome.VOICEMAIL), 2, Duration.ofMinutes(30));

        assertThat(derive(attempts(Outcome.VOICEMAIL)).status()).isEqualTo(ContactStatus.FAILED);
        assertThat(ContactRules.derive(pending, attempts(Outcome.VOICEMAIL), campaign(withVoicemail, null)).status())
                .isEqualTo(ContactStatus.RETRY_SCHEDULED);
    }

    @Test
    void retryIsMovedIntoTheCallingWindow() {
        CallingWindow weekdayMornings = new CallingWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(10, 30), ZoneId.of("America/New_York"));
        Contact retry = ContactRules.derive(pending, attempts(Outcome.BUSY),
                campaign(RetryPolicy.defaults(), weekdayMornings));

        // finished Wednesday 10:00, +1 h = 11:00, after the window: Thursday 09:00 EST
        assertThat(retry.nextAttemptAt()).isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
    }

    @Test
    void doNotCallStaysDoNotCall() {
        Contact blocked = new Contact(pending.id(), pending.campaignId(), pending.phoneNumber(), null, Map.of(),
                ContactStatus.DO_NOT_CALL, 0, null, null, "customer asked", T);

        assertThat(ContactRules.derive(blocked, attempts(Outcome.CONNECTED), campaign(RetryPolicy.defaults(), null))
                .status()).isEqualTo(ContactStatus.DO_NOT_CALL);
    }

    @Test
    void attemptOrderInTheListDoesNotMatter() {
        List<ContactAttempt> inOrder = attempts(Outcome.NO_ANSWER, Outcome.BUSY);
        List<ContactAttempt> reversed = new ArrayList<>(inOrder);
        java.util.Collections.reverse(reversed);

        assertThat(derive(reversed)).isEqualTo(derive(inOrder));
    }
}
