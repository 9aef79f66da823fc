package io.callhook.core.campaign;

import io.callhook.core.call.Outcome;
import io.callhook.core.directory.PhoneNumberE164;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person a campaign calls. The status is derived from the contact's attempts by {@link ContactRules}; it is stored
 * for reading and locking, never edited directly except to mark a contact do-not-call.
 *
 * @param name          display name, or {@code null}
 * @param variables     dynamic variables for the agent
 * @param attempts      number of attempts so far
 * @param lastOutcome   outcome of the latest finished attempt, or {@code null}
 * @param nextAttemptAt when the next attempt is due ({@code RETRY_SCHEDULED} only), else {@code null}
 * @param failureReason why the campaign gave up ({@code FAILED} only), else {@code null}
 */
public record Contact(ContactId id, CampaignId campaignId, PhoneNumberE164 phoneNumber, String name,
                      Map<String, String> variables, ContactStatus status, int attempts,
                      Outcome lastOutcome, Instant nextAttemptAt, String failureReason,
                      Instant createdAt) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A contact not called yet. */
    public static Contact pending(ContactId id, CampaignId campaignId, PhoneNumberE164 phoneNumber, String name,
                                  Map<String, String> variables, Instant createdAt) {
        return new Contact(id, campaignId, phoneNumber, name, variables, ContactStatus.PENDING, 0, null, null, null,
                createdAt);
    }
}
