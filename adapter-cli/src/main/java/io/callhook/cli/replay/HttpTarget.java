package io.callhook.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.cli.http.WebhookPoster;
import io.callhook.cli.http.WebhookUnreachableException;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.core.retell.EventNames;
import io.callhook.core.retell.RetellSigner;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays to a running callhook server: each event is signed now with the configured key (a recorded signature would
 * be outside the server's 5-minute window) and POSTed like Retell does.
 *
 * <p>Answers: 2xx → {@link ReplayOutcome#APPLIED} (the server stored the delivery; its answer does not say whether it
 * was new, a duplicate, ignored or stored as rejected — its inbox does); 4xx → {@link ReplayOutcome#REJECTED} (e.g. 401
 * for a wrong key: nothing was stored); 5xx and other answers → {@link ReplayOutcome#FAILED} (not stored; replaying
 * again is safe). No answer at all stops the replay: {@link TargetUnavailableException}.
 */
public final class HttpTarget implements ReplayTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 200;

    private final WebhookPoster poster;
    private final RetellSigner signer;
    private final Clock clock;

    public HttpTarget(WebhookPoster poster, RetellSigner signer, Clock clock) {
        this.poster = Objects.requireNonNull(poster, "poster");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int preferredBatchSize() {
        return 100; // one request per event anyway; batches only pace progress and summary updates
    }

    @Override
    public List<EventResult> replay(List<RecordedEvent> batch) throws TargetUnavailableException {
        List<EventResult> results = new ArrayList<>(batch.size());
        for (RecordedEvent event : batch) {
            String type = EventNames.of(event.body());
            WebhookPoster.Response response;
            try {
                response = poster.post(event.body(), signer.sign(event.body(), clock.instant()));
            } catch (WebhookUnreachableException e) {
                throw new TargetUnavailableException(e.getMessage(), results, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetUnavailableException("interrupted", results, e);
            }
            results.add(result(type, response));
        }
        return results;
    }

    static EventResult result(String type, WebhookPoster.Response response) {
        int status = response.status();
        if (response.isSuccess()) {
            return EventResult.of(type, ReplayOutcome.APPLIED);
        }
        String message = "HTTP " + status + describe(response.body());
        if (status >= 400 && status < 500) {
            return EventResult.rejected(type, message);
        }
        if (status >= 300 && status < 400) {
            return EventResult.failed(type, message + " (redirects are not followed: check --url)");
        }
        return EventResult.failed(type, message);
    }

    /** {@code " invalid_signature: the signature does not match"} from callhook's JSON error body, else its text. */
    private static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject() && json.path("message").isTextual()) {
                String code = json.path("error").isTextual() ? json.get("error").textValue()
                        : json.path("code").isValueNode() ? json.get("code").asText() : null;
                return " " + (code == null ? "" : code + ": ") + shorten(json.get("message").textValue());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return " " + shorten(body);
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
