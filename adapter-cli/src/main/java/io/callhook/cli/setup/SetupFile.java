package io.callhook.cli.setup;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.callhook.core.port.in.AdministrationUseCase.NewContact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set-up to import, as read from {@code setup.json}. The shape (all names snake_case, as in the management API):
 * <pre>
 * {"organizations": [{
 *    "name": "Acme Dental",
 *    "users": [{"email": "desk@acme.test", "display_name": "Front desk"}],          (or just "desk@acme.test")
 *    "agents": [{"retell_agent_id": "agent_8c3f…", "name": "Recall agent"}],
 *    "phone_numbers": [{"number": "+14155550142", "inbound_agent": "agent_8c3f…"}],  (or just "+14155550142")
 *    "campaigns": [{
 *       "name": "September recall", "agent": "agent_8c3f…",
 *       "retry_on": ["no_answer", "busy"], "max_attempts": 3, "retry_delay_seconds": 3600,
 *       "calling_window": {"days": ["monday", "friday"], "start": "09:00", "end": "17:00", "zone": "America/New_York"},
 *       "status": "processing",
 *       "contacts": [{"phone_number": "+12125550198", "name": "Maria Lopez", "variables": {"customer_name": "Maria"}}]
 *    }]
 * }]}
 * </pre>
 * Agents are referred to by their Retell agent id, which must be one of the same organisation's {@code agents}. Only
 * {@code name} (organisation), {@code email} (user), {@code retell_agent_id} (agent), {@code number} (phone number),
 * {@code name} and {@code agent} (campaign) and {@code phone_number} (contact) are required. Unknown fields are errors
 * (a misspelt optional field must not be dropped silently). The values are validated by the administration use case,
 * exactly as the management API validates them.
 */
public record SetupFile(List<Organization> organizations) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** An organisation and everything in it; {@code path} is e.g. {@code organizations[0]}. */
    public record Organization(String path, String name, List<User> users, List<Agent> agents,
                               List<PhoneNumber> phoneNumbers, List<Campaign> campaigns) {
    }

    /** {@code emailPath} is where the e-mail was written (the element itself when it is a plain string). */
    public record User(String path, String emailPath, String email, String displayName) {
    }

    public record Agent(String path, String retellAgentId, String name) {
    }

    /** {@code inboundAgent} is a Retell agent id or {@code null}. */
    public record PhoneNumber(String path, String numberPath, String number, String inboundAgent) {
    }

    /** {@code status} is {@code null} for the default, draft. */
    public record Campaign(String path, String name, String agent, List<String> retryOn, Integer maxAttempts,
                           Long retryDelaySeconds, CallingWindow callingWindow, String status,
                           List<NewContact> contacts) {
    }

    public record CallingWindow(List<String> days, String start, String end, String zone) {
    }

    /**
     * Reads and checks the shape of a set-up file.
     *
     * @param file  the name used in messages
     * @param bytes its contents
     * @throws SetupException naming the file and the JSON path (or line and column for invalid JSON)
     */
    public static SetupFile parse(String file, byte[] bytes) throws SetupException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw SetupException.at(file, where, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw SetupException.at(file, "", "could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw SetupException.at(file, "", "the file is empty; expected {\"organizations\": [...]}");
        }
        return new Reader(file).setup(root);
    }

    /** Walks the tree with the JSON path of each node at hand. */
    private static final class Reader {

        private final String file;

        Reader(String file) {
            this.file = file;
        }

        SetupFile setup(JsonNode root) throws SetupException {
            object(root, "", Set.of("organizations"));
            List<Organization> organizations = new ArrayList<>();
            List<JsonNode> elements = requiredArray(root, "", "organizations");
            if (elements.isEmpty()) {
                throw error("organizations", "must list at least one organisation");
            }
            for (int i = 0; i < elements.size(); i++) {
                organizations.add(organization(elements.get(i), "organizations[" + i + "]"));
            }
            return new SetupFile(List.copyOf(organizations));
        }

        private Organization organization(JsonNode node, String path) throws SetupException {
            object(node, path, Set.of("name", "users", "agents", "phone_numbers", "campaigns"));
            String name = requiredText(node, path, "name");
            List<User> users = new ArrayList<>();
            List<JsonNode> userNodes = array(node, path, "users");
            for (int i = 0; i < userNodes.size(); i++) {
                users.add(user(userNodes.get(i), path + ".users[" + i + "]"));
            }
            List<Agent> agents = new ArrayList<>();
            List<JsonNode> agentNodes = array(node, path, "agents");
            for (int i = 0; i < agentNodes.size(); i++) {
                String agentPath = path + ".agents[" + i + "]";
                JsonNode agent = agentNodes.get(i);
                object(agent, agentPath, Set.of("retell_agent_id", "name"));
                agents.add(new Agent(agentPath, requiredText(agent, agentPath, "retell_agent_id"),
                        text(agent, agentPath, "name")));
            }
            List<PhoneNumber> numbers = new ArrayList<>();
            List<JsonNode> numberNodes = array(node, path, "phone_numbers");
            for (int i = 0; i < numberNodes.size(); i++) {
                numbers.add(phoneNumber(numberNodes.get(i), path + ".phone_numbers[" + i + "]"));
            }
            List<Campaign> campaigns = new ArrayList<>();
            List<JsonNode> campaignNodes = array(node, path, "campaigns");
            for (int i = 0; i < campaignNodes.size(); i++) {
                campaigns.add(campaign(campaignNodes.get(i), path + ".campaigns[" + i + "]"));
            }
            return new Organization(path, name, List.copyOf(users), List.copyOf(agents), List.copyOf(numbers),
                    List.copyOf(campaigns));
        }

        private User user(JsonNode node, String path) throws SetupException {
            if (node.isTextual()) {
                return new User(path, path, node.textValue(), null);
            }
            object(node, path, Set.of("email", "display_name"));
            return new User(path, path + ".email", requiredText(node, path, "email"),
                    text(node, path, "display_name"));
        }

        private PhoneNumber phoneNumber(JsonNode node, String path) throws SetupException {
            if (node.isTextual()) {
                return new PhoneNumber(path, path, node.textValue(), null);
            }
            object(node, path, Set.of("number", "inbound_agent"));
            return new PhoneNumber(path, path + ".number", requiredText(node, path, "number"),
                    text(node, path, "inbound_agent"));
        }

        private Campaign campaign(JsonNode node, String path) throws SetupException {
            object(node, path, Set.of("name", "agent", "retry_on", "max_attempts", "retry_delay_seconds",
                    "calling_window", "status", "contacts"));
            List<String> retryOn = null;
            if (present(node, "retry_on")) {
                retryOn = new ArrayList<>();
                List<JsonNode> values = array(node, path, "retry_on");
                for (int i = 0; i < values.size(); i++) {
                    retryOn.add(textElement(values.get(i), path + ".retry_on[" + i + "]"));
                }
            }
            Long maxAttempts = integer(node, path, "max_attempts");
            if (maxAttempts != null && (maxAttempts < Integer.MIN_VALUE || maxAttempts > Integer.MAX_VALUE)) {
                throw error(path + ".max_attempts", "must be between 1 and 10");
            }
            CallingWindow window = null;
            if (present(node, "calling_window")) {
                String windowPath = path + ".calling_window";
                JsonNode w = node.get("calling_window");
                object(w, windowPath, Set.of("days", "start", "end", "zone"));
                List<String> days = new ArrayList<>();
                List<JsonNode> dayNodes = array(w, windowPath, "days");
                for (int i = 0; i < dayNodes.size(); i++) {
                    days.add(textElement(dayNodes.get(i), windowPath + ".days[" + i + "]"));
                }
                window = new CallingWindow(present(w, "days") ? List.copyOf(days) : null, text(w, windowPath, "start"),
                        text(w, windowPath, "end"), text(w, windowPath, "zone"));
            }
            List<NewContact> contacts = new ArrayList<>();
            List<JsonNode> contactNodes = array(node, path, "contacts");
            for (int i = 0; i < contactNodes.size(); i++) {
                contacts.add(contact(contactNodes.get(i), path + ".contacts[" + i + "]"));
            }
            return new Campaign(path, requiredText(node, path, "name"), requiredText(node, path, "agent"),
                    retryOn == null ? null : List.copyOf(retryOn),
                    maxAttempts == null ? null : maxAttempts.intValue(),
                    integer(node, path, "retry_delay_seconds"), window, text(node, path, "status"),
                    List.copyOf(contacts));
        }

        private NewContact contact(JsonNode node, String path) throws SetupException {
            object(node, path, Set.of("phone_number", "name", "variables"));
            Map<String, String> variables = new LinkedHashMap<>();
            if (present(node, "variables")) {
                JsonNode vars = node.get("variables");
                if (!vars.isObject()) {
                    throw error(path + ".variables", "must be an object of text values, found " + kind(vars));
                }
                for (Map.Entry<String, JsonNode> entry : vars.properties()) {
                    if (!entry.getValue().isTextual()) {
                        throw error(path + ".variables." + entry.getKey(), "must be text (Retell's dynamic variables"
                                + " are strings), found " + kind(entry.getValue()));
                    }
                    variables.put(entry.getKey(), entry.getValue().textValue());
                }
            }
            return new NewContact(requiredText(node, path, "phone_number"), text(node, path, "name"), variables);
        }

        private void object(JsonNode node, String path, Set<String> allowed) throws SetupException {
            if (!node.isObject()) {
                throw error(path, "must be an object, found " + kind(node));
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(join(path, name), "unknown field; expected one of " + new TreeSet<>(allowed));
                }
            }
        }

        private static boolean present(JsonNode node, String field) {
            return node.has(field) && !node.get(field).isNull();
        }

        private String requiredText(JsonNode node, String path, String field) throws SetupException {
            String value = text(node, path, field);
            if (value == null) {
                throw error(join(path, field), "is required");
            }
            return value;
        }

        private String text(JsonNode node, String path, String field) throws SetupException {
            if (!present(node, field)) {
                return null;
            }
            return textElement(node.get(field), join(path, field));
        }

        private String textElement(JsonNode value, String path) throws SetupException {
            if (!value.isTextual()) {
                throw error(path, "must be text, found " + kind(value));
            }
            return value.textValue();
        }

        private Long integer(JsonNode node, String path, String field) throws SetupException {
            if (!present(node, field)) {
                return null;
            }
            JsonNode value = node.get(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error(join(path, field), "must be a whole number, found " + kind(value));
            }
            return value.longValue();
        }

        private List<JsonNode> requiredArray(JsonNode node, String path, String field) throws SetupException {
            if (!present(node, field)) {
                throw error(join(path, field), "is required");
            }
            return array(node, path, field);
        }

        private List<JsonNode> array(JsonNode node, String path, String field) throws SetupException {
            if (!present(node, field)) {
                return List.of();
            }
            JsonNode value = node.get(field);
            if (!value.isArray()) {
                throw error(join(path, field), "must be an array, found " + kind(value));
            }
            List<JsonNode> elements = new ArrayList<>();
            value.forEach(elements::add);
            return elements;
        }

        private SetupException error(String path, String message) {
            return SetupException.at(file, path, message);
        }

        private static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private static String kind(JsonNode node) {
            if (node.isTextual()) {
                return "text";
            }
            if (node.isNumber()) {
                return "a number";
            }
            if (node.isBoolean()) {
                return "true/false";
            }
            if (node.isArray()) {
                return "an array";
            }
            if (node.isObject()) {
                return "an object";
            }
            return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
