package io.callhook.http.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.in.AdministrationUseCase.NewCallingWindow;
import io.callhook.core.port.in.AdministrationUseCase.NewCampaign;
import io.callhook.core.port.in.AdministrationUseCase.NewContact;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the management API, snake_case like the answers. Unknown fields are refused (422 naming them), so
 * a misspelt {@code displayName} is not silently dropped (the server's object mapper fails on unknown properties; see
 * {@code CallhookApplication}). Values are checked by the core use cases, not here.
 */
public final class Requests {

    private Requests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateOrganization(String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateUser(String email, String displayName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateAgent(String retellAgentId, String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreatePhoneNumber(String number, String inboundAgentId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateCampaign(String agentId, String name, List<String> retryOn, Integer maxAttempts,
                                 Long retryDelaySeconds, CallingWindow callingWindow) {

        public NewCampaign toCommand(OrganizationId organizationId) {
            return new NewCampaign(organizationId, agentId, name, retryOn, maxAttempts, retryDelaySeconds,
                    callingWindow == null ? null : callingWindow.toCommand());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CallingWindow(List<String> days, String start, String end, String zone) {

        NewCallingWindow toCommand() {
            return new NewCallingWindow(days, start, end, zone);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AddContacts(List<Contact> contacts) {

        public List<NewContact> toCommand() {
            return contacts == null ? null : contacts.stream()
                    .map(c -> c == null ? null : new NewContact(c.phoneNumber(), c.name(), withoutNulls(c.variables())))
                    .toList();
        }

        private static Map<String, String> withoutNulls(Map<String, String> variables) {
            if (variables == null) {
                return Map.of();
            }
            Map<String, String> present = new java.util.LinkedHashMap<>();
            variables.forEach((name, value) -> {
                if (name != null && value != null) {
                    present.put(name, value);
                }
            });
            return present;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Contact(String phoneNumber, String name,
                          // agent variables are text to Retell; a number or true/false is taken as its text
                          @JsonDeserialize(contentUsing = RequestJson.ScalarAsText.class) Map<String, String> variables) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChangeStatus(String status) {
    }
}
