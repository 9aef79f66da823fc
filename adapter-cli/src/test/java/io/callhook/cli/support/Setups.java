package io.callhook.cli.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Set-up files matching the recorded fixtures, so replayed fixture events link to an organisation and a campaign. */
public final class Setups {

    /** Retell agent of the outbound fixtures (01-04): a recall campaign calls +12125550198 from +14155550142. */
    public static final String OUTBOUND_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    /** Retell agent of the inbound transfer fixtures (40-45): +19175550166 calls our +14155550100. */
    public static final String INBOUND_AGENT = "agent_2d4f6a8c0e1b3d5f7a9c1e3b5d";
    public static final String CAMPAIGN_NAME = "September recall";

    private Setups() {
    }

    /**
     * Acme Dental with two users (each notified of inbound calls), both fixture agents, both our numbers, and a
     * processing campaign of the outbound agent whose contacts include the number the outbound fixture calls.
     */
    public static String acmeDental() {
        return """
                {"organizations": [{
                  "name": "Acme Dental",
                  "users": [{"email": "desk@acme.test", "display_name": "Front desk"}, "owner@acme.test"],
                  "agents": [{"retell_agent_id": "%s", "name": "Recall"}, {"retell_agent_id": "%s"}],
                  "phone_numbers": ["+14155550142", {"number": "+14155550100", "inbound_agent": "%s"}],
                  "campaigns": [{
                    "name": "%s",
                    "agent": "%s",
                    "retry_on": ["no_answer", "busy"],
                    "max_attempts": 3,
                    "retry_delay_seconds": 3600,
                    "calling_window": {"days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                                       "start": "09:00", "end": "17:00", "zone": "America/New_York"},
                    "status": "processing",
                    "contacts": [
                      {"phone_number": "+12125550198", "name": "Maria Lopez", "variables": {"customer_name": "Maria"}},
                      {"phone_number": "+1 (212) 555-0199", "name": "John Roe"}
                    ]
                  }]
                }]}
                """.formatted(OUTBOUND_AGENT, INBOUND_AGENT, INBOUND_AGENT, CAMPAIGN_NAME, OUTBOUND_AGENT);
    }

    public static Path write(Path folder, String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
