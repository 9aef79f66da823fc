package io.callhook.core.campaign;

import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * One call made to a contact. Numbered from 1 in the order callhook first heard of the calls.
 *
 * @param outcome    the attempt's outcome, or {@code null} while the call is under way
 * @param finishedAt when it finished, or {@code null} while under way
 */
public record ContactAttempt(ContactId contactId, int number, CallId callId, Outcome outcome, Instant finishedAt) {

    public ContactAttempt {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(callId, "callId");
        if (number < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1");
        }
    }
}
