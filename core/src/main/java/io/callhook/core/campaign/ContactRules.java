package io.callhook.core.campaign;

import io.callhook.core.call.Outcome;
import java.util.Comparator;
import java.util.List;

/**
 * Derives a contact's status from its attempts, so the result depends only on what is known about the calls and not
 * on the order their events arrived in:
 * <ul>
 *   <li>do-not-call stays do-not-call;</li>
 *   <li>a person reached on any attempt: completed;</li>
 *   <li>an attempt still under way: calling;</li>
 *   <li>no attempt yet: pending;</li>
 *   <li>otherwise the latest attempt decides: a retryable outcome with attempts left schedules a retry (after the
 *       policy's delay, moved into the calling window); anything else fails the contact with the reason.</li>
 * </ul>
 */
public final class ContactRules {

    private ContactRules() {
    }

    /** The contact as its attempts make it. {@code attempts} are all of this contact's attempts, in any order. */
    public static Contact derive(Contact contact, List<ContactAttempt> attempts, Campaign campaign) {
        if (contact.status() == ContactStatus.DO_NOT_CALL) {
            return with(contact, ContactStatus.DO_NOT_CALL, attempts, null, contact.failureReason());
        }
        if (attempts.isEmpty()) {
            return with(contact, ContactStatus.PENDING, attempts, null, null);
        }
        if (attempts.stream().anyMatch(a -> a.outcome() == Outcome.CONNECTED)) {
            return with(contact, ContactStatus.COMPLETED, attempts, null, null);
        }
        if (attempts.stream().anyMatch(a -> a.outcome() == null)) {
            return with(contact, ContactStatus.CALLING, attempts, null, null);
        }
        ContactAttempt latest = latest(attempts);
        Outcome outcome = latest.outcome();
        RetryPolicy policy = campaign.retryPolicy();
        if (!policy.retries(outcome)) {
            return with(contact, ContactStatus.FAILED, attempts, null, "not retried: " + wire(outcome));
        }
        if (attempts.size() >= policy.maxAttempts()) {
            return with(contact, ContactStatus.FAILED, attempts, null,
                    "attempts exhausted: " + attempts.size() + " of " + policy.maxAttempts() + ", last " + wire(outcome));
        }
        return with(contact, ContactStatus.RETRY_SCHEDULED, attempts, campaign.nextAttemptAfter(latest.finishedAt()),
                null);
    }

    private static ContactAttempt latest(List<ContactAttempt> attempts) {
        return attempts.stream().max(Comparator.comparingInt(ContactAttempt::number)).orElseThrow();
    }

    private static Contact with(Contact c, ContactStatus status, List<ContactAttempt> attempts,
                                java.time.Instant nextAttemptAt, String failureReason) {
        Outcome lastOutcome = attempts.stream()
                .filter(a -> a.outcome() != null)
                .max(Comparator.comparingInt(ContactAttempt::number))
                .map(ContactAttempt::outcome)
                .orElse(null);
        return new Contact(c.id(), c.campaignId(), c.phoneNumber(), c.name(), c.variables(), status, attempts.size(),
                lastOutcome, nextAttemptAt, failureReason, c.createdAt());
    }

    private static String wire(Outcome outcome) {
        return outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
}
