package io.callhook.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.generate.EventGenerator;
import io.callhook.core.retell.RetellSigner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-generates the deliveries of a load run with {@link EventGenerator} (so they look like Retell's: about 2 KB each
 * for {@code call_ended} and {@code call_analyzed}), all signed before the run starts so that signing costs the run
 * nothing. Retell's signatures are valid for 5 minutes around the receiver's clock, so a run must start right after and
 * last less than that.
 */
public final class LoadDeliveries {

    /** The lifecycle events sent for each call, in this order. */
    public static final List<String> EVENTS = List.of("call_started", "call_ended", "call_analyzed");

    /** Calls whose events are interleaved (see {@link #generate}). */
    static final int BLOCK = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadDeliveries() {
    }

    /** Where the calls' agent comes from, and how many of its set-up's contacts the calls may dial. */
    public record Target(String agentId, int contacts) {
    }

    /**
     * The agent and the number of contacts of a set-up written by {@code callhook generate-events --setup}: calls
     * generated for that agent dial the set-up's contacts, so they link to its campaigns.
     *
     * @throws IllegalArgumentException when the file is not such a set-up
     */
    public static Target fromSetup(Path setup) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(setup)) {
            root = JSON.readTree(in);
        }
        JsonNode organization = root == null ? null : root.path("organizations").path(0);
        String agent = organization == null ? "" : organization.path("agents").path(0).path("retell_agent_id").asText("");
        if (agent.isEmpty()) {
            throw new IllegalArgumentException("no organizations[0].agents[0].retell_agent_id: expected a set-up written"
                    + " by 'callhook generate-events --setup'");
        }
        int contacts = 0;
        for (JsonNode campaign : organization.path("campaigns")) {
            contacts += campaign.path("contacts").size();
        }
        return new Target(agent, contacts);
    }

    /**
     * {@code calls} calls from call number {@code firstCall} on, {@link #EVENTS} of each, all signed at
     * {@code signedAt}, in the order they are to be sent: block by block of {@value #BLOCK} calls, first every
     * {@code call_started} of the block, then every {@code call_ended}, then every {@code call_analyzed}. Retell sends a
     * call's events minutes apart; sent back to back over many connections they would only queue behind each other on
     * the call's lock and measure that queue instead of the server.
     */
    public static List<SignedDelivery> generate(long seed, String agentId, int firstCall, int calls, RetellSigner signer,
                                                Instant signedAt) throws IOException {
        List<SignedDelivery> byCall = new ArrayList<>(calls * EVENTS.size());
        long at = signedAt.toEpochMilli();
        new EventGenerator(seed, agentId, signedAt).generate(firstCall, calls, EVENTS, null,
                (body, unsigned) -> byCall.add(new SignedDelivery(body, signer.sign(body, at))));
        List<SignedDelivery> deliveries = new ArrayList<>(byCall.size());
        for (int block = 0; block < calls; block += BLOCK) {
            for (int event = 0; event < EVENTS.size(); event++) {
                for (int call = block; call < Math.min(calls, block + BLOCK); call++) {
                    deliveries.add(byCall.get(call * EVENTS.size() + event));
                }
            }
        }
        return deliveries;
    }
}
