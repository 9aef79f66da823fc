package io.callhook.http.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callhook.core.port.in.InboundAnswer;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.retell.SignatureCheck;
import io.callhook.http.errors.ErrorResponses;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook endpoint answers, in one place.
 *
 * <table>
 *   <caption>answers</caption>
 *   <tr><th>situation</th><th>status</th><th>why</th></tr>
 *   <tr><td>stored (applied, duplicate, ignored, rejected)</td><td>204</td><td>stored durably; Retell must not retry</td></tr>
 *   <tr><td>{@code call_inbound} stored</td><td>200 {@code {"call_inbound":{..}}}</td><td>Retell routes the call by it;
 *       {@code {}} keeps the number's own agent</td></tr>
 *   <tr><td>{@code chat_inbound} stored</td><td>200 {@code {"chat_inbound":{}}}</td><td>accept with the number's agent</td></tr>
 *   <tr><td>bad, missing or expired signature</td><td>401</td><td>nothing is stored</td></tr>
 *   <tr><td>body over the limit</td><td>413</td><td>refused before it is read in full (a declared length over
 *       the limit by {@link DeclaredLengthFilter}, before it is read at all)</td></tr>
 *   <tr><td>no signing key configured</td><td>503</td><td>Retell retries until one is configured</td></tr>
 *   <tr><td>database unreachable, kept in the local spool (fsynced)</td><td>as stored: 204, or for
 *       {@code call_inbound}/{@code chat_inbound} 200 with an empty decision</td><td>moved into the inbox once the
 *       database answers</td></tr>
 *   <tr><td>not stored (spool full, any other failure)</td><td>503</td><td>Retell retries; never 2xx for an unstored event</td></tr>
 * </table>
 */
final class WebhookResponses {

    static final String TOO_LARGE = "payload_too_large";
    static final String CALL_INBOUND = "call_inbound";
    static final String CHAT_INBOUND = "chat_inbound";

    private static final String EMPTY_CALL_INBOUND = "{\"call_inbound\":{}}";
    private static final String EMPTY_CHAT_INBOUND = "{\"chat_inbound\":{}}";

    private WebhookResponses() {
    }

    /** The answer for a delivery that was stored, whatever became of it. */
    static Response stored(IngestOutcome outcome) {
        if (CHAT_INBOUND.equals(outcome.eventName())) {
            return json(EMPTY_CHAT_INBOUND);
        }
        Optional<InboundAnswer> answer = outcome.inboundAnswer();
        if (answer.isPresent() && !answer.get().isEmpty()) {
            return json(CallInboundAnswer.of(answer.get()));
        }
        if (answer.isPresent() || CALL_INBOUND.equals(outcome.eventName())) {
            // Retell expects a JSON decision for call_inbound; an empty one keeps the number's configured agent
            return json(EMPTY_CALL_INBOUND);
        }
        return Response.noContent().build();
    }

    /**
     * The answer for a delivery kept in the spool: as stored, with no routing decision for an inbound call (none can
     * be read from the database now, so the number's own agent answers).
     */
    static Response spooled(String eventName) {
        if (CHAT_INBOUND.equals(eventName)) {
            return json(EMPTY_CHAT_INBOUND);
        }
        if (CALL_INBOUND.equals(eventName)) {
            return json(EMPTY_CALL_INBOUND);
        }
        return Response.noContent().build();
    }

    static Response invalidSignature(SignatureCheck.Invalid invalid) {
        return Response.fromResponse(ErrorResponses.error(401, "invalid_signature", invalid.message()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Retell-Signature")
                .build();
    }

    static Response signingKeyMissing() {
        return ErrorResponses.error(503, "signing_key_missing",
                "No Retell API key is configured, so webhooks cannot be verified; set RETELL_API_KEY.");
    }

    static Response tooLarge(int limit) {
        return ErrorResponses.error(413, TOO_LARGE, tooLargeMessage(limit));
    }

    static String tooLargeMessage(long limit) {
        return "The request body is larger than " + limit + " bytes.";
    }

    static Response unreadableBody() {
        return ErrorResponses.error(400, "unreadable_body", "The request body could not be read in full.");
    }

    static Response unavailable() {
        return ErrorResponses.error(503, "unavailable",
                "The delivery could not be stored right now; try again later.");
    }

    private static Response json(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code {"call_inbound":{"override_agent_id":..,"dynamic_variables":{..},"metadata":{..}}}}, empty parts left out. */
    record CallInboundAnswer(@JsonProperty("call_inbound") Decision callInbound) {

        static CallInboundAnswer of(InboundAnswer answer) {
            return new CallInboundAnswer(
                    new Decision(answer.overrideAgentId(), answer.dynamicVariables(), answer.metadata()));
        }

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        record Decision(@JsonProperty("override_agent_id") String overrideAgentId,
                        @JsonProperty("dynamic_variables") Map<String, String> dynamicVariables,
                        @JsonProperty("metadata") Map<String, String> metadata) {
        }
    }
}
