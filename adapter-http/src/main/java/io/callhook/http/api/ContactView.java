package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.campaign.Contact;
import java.util.Map;
import java.util.TreeMap;

/** A campaign contact: who, the agent variables, and where the campaign stands with them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactView(
        String id,
        String campaignId,
        String phoneNumber,
        String name,
        Map<String, String> variables,
        String status,
        int attempts,
        String lastOutcome,
        String nextAttemptAt,
        String failureReason,
        String createdAt) {

    public static ContactView of(Contact contact) {
        return new ContactView(
                contact.id().toString(),
                contact.campaignId().toString(),
                contact.phoneNumber().value(),
                contact.name(),
                new TreeMap<>(contact.variables()),
                contact.status().wire(),
                contact.attempts(),
                Wire.name(contact.lastOutcome()),
                Wire.time(contact.nextAttemptAt()),
                contact.failureReason(),
                Wire.time(contact.createdAt()));
    }
}
