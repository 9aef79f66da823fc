package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.campaign.ContactAttempt;

/** One call made to a contact, numbered from 1; outcome and finish time stay {@code null} while it is under way. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AttemptView(String contactId, int number, String callId, String outcome, String finishedAt) {

    public static AttemptView of(ContactAttempt attempt) {
        return new AttemptView(attempt.contactId().toString(), attempt.number(), attempt.callId().value(),
                Wire.name(attempt.outcome()), Wire.time(attempt.finishedAt()));
    }
}
