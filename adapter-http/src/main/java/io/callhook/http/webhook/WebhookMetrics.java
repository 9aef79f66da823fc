package io.callhook.http.webhook;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.retell.SignatureCheck;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's metrics, all registered at start-up so the request path only looks them up and every series exists
 * (at zero) from the first scrape.
 *
 * <ul>
 *   <li>{@code callhook.webhook.latency.<event>} (timer): time from request to answer for each stored delivery, by
 *       Retell event name; names Retell may add later are counted under {@code other}, so a sender cannot create
 *       series at will;</li>
 *   <li>{@code callhook.webhook.signature_failures.<reason>} (meter): refused signatures, reason one of
 *       {@code missing, malformed, outside_window, mismatch};</li>
 *   <li>{@code callhook.webhook.accepted} (meter): new deliveries stored for application;</li>
 *   <li>{@code callhook.webhook.duplicates}, {@code callhook.webhook.rejected} (meters): deliveries recorded as a
 *       duplicate or as rejected (signed but unusable);</li>
 *   <li>{@code callhook.webhook.ingest_failures} (meter): deliveries that could not be stored (answered 503);</li>
 *   <li>{@code callhook.webhook.oversized} (meter): bodies refused with 413;</li>
 *   <li>{@code callhook.webhook.signing_key_missing} (meter): deliveries answered 503 because no key is configured;</li>
 *   <li>{@code callhook.notifications.created} (meter): notifications created by ingested deliveries.</li>
 * </ul>
 */
public final class WebhookMetrics {

    public static final String LATENCY = "callhook.webhook.latency";
    public static final String SIGNATURE_FAILURES = "callhook.webhook.signature_failures";
    public static final String ACCEPTED = "callhook.webhook.accepted";
    public static final String DUPLICATES = "callhook.webhook.duplicates";
    public static final String REJECTED = "callhook.webhook.rejected";
    public static final String INGEST_FAILURES = "callhook.webhook.ingest_failures";
    public static final String OVERSIZED = "callhook.webhook.oversized";
    public static final String SIGNING_KEY_MISSING = "callhook.webhook.signing_key_missing";
    public static final String NOTIFICATIONS_CREATED = "callhook.notifications.created";

    /** Event names Retell documents (PROTOCOL.md), plus {@code unknown} for bodies without one. */
    static final List<String> KNOWN_EVENTS = List.of(
            "call_started", "call_ended", "call_analyzed", "transcript_updated",
            "transfer_started", "transfer_bridged", "transfer_cancelled", "transfer_ended",
            "call_inbound", "chat_started", "chat_ended", "chat_analyzed", "chat_inbound", "unknown");
    static final String OTHER_EVENT = "other";

    private final Map<String, Timer> latencyByEvent;
    private final Timer latencyOther;
    private final Map<SignatureCheck.Failure, Meter> signatureFailures =
            new EnumMap<>(SignatureCheck.Failure.class);
    private final Meter accepted;
    private final Meter duplicates;
    private final Meter rejected;
    private final Meter ingestFailures;
    private final Meter oversized;
    private final Meter signingKeyMissing;
    private final Meter notificationsCreated;

    public WebhookMetrics(MetricRegistry registry) {
        Map<String, Timer> timers = new HashMap<>();
        for (String event : KNOWN_EVENTS) {
            timers.put(event, registry.timer(MetricRegistry.name(LATENCY, event)));
        }
        this.latencyByEvent = Map.copyOf(timers);
        this.latencyOther = registry.timer(MetricRegistry.name(LATENCY, OTHER_EVENT));
        for (SignatureCheck.Failure failure : SignatureCheck.Failure.values()) {
            signatureFailures.put(failure,
                    registry.meter(MetricRegistry.name(SIGNATURE_FAILURES, failure.name().toLowerCase(Locale.ROOT))));
        }
        this.accepted = registry.meter(ACCEPTED);
        this.duplicates = registry.meter(DUPLICATES);
        this.rejected = registry.meter(REJECTED);
        this.ingestFailures = registry.meter(INGEST_FAILURES);
        this.oversized = registry.meter(OVERSIZED);
        this.signingKeyMissing = registry.meter(SIGNING_KEY_MISSING);
        this.notificationsCreated = registry.meter(NOTIFICATIONS_CREATED);
    }

    /** Records a stored delivery: its latency under its event name, and what the outcome counts towards. */
    void stored(IngestOutcome outcome, long elapsedNanos) {
        latencyByEvent.getOrDefault(outcome.eventName(), latencyOther).update(elapsedNanos, TimeUnit.NANOSECONDS);
        if (outcome instanceof IngestOutcome.Accepted) {
            accepted.mark();
        } else if (outcome instanceof IngestOutcome.Duplicate) {
            duplicates.mark();
        } else if (outcome instanceof IngestOutcome.Rejected) {
            rejected.mark();
        } else if (outcome instanceof IngestOutcome.Applied applied) {
            long created = applied.changes().stream().filter(WebhookMetrics::isNotificationCreated).count();
            if (created > 0) {
                notificationsCreated.mark(created);
            }
        }
    }

    void signatureFailure(SignatureCheck.Failure failure) {
        signatureFailures.get(failure).mark();
    }

    /** Records a delivery kept in the spool (the database could not be reached). */
    void spooled(long elapsedNanos, String eventName) {
        latencyByEvent.getOrDefault(eventName == null ? "unknown" : eventName, latencyOther)
                .update(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    void ingestFailure() {
        ingestFailures.mark();
    }

    void oversized() {
        oversized.mark();
    }

    void signingKeyMissing() {
        signingKeyMissing.mark();
    }

    private static boolean isNotificationCreated(IngestOutcome.Change change) {
        return "notification".equals(change.entity()) && "created".equals(change.action());
    }
}
