package io.callhook.http.webhook;

import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.SignatureCheck;
import io.callhook.db.FailureSummary;
import io.callhook.http.spool.SpoolWriter;
import io.callhook.http.spool.SpooledDelivery;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /webhooks/retell}: Retell's call, chat and inbound webhooks.
 *
 * <p>The body is read as raw bytes (bounded), the {@code x-retell-signature} is checked over exactly those bytes, and
 * only then is the delivery accepted: stored with one write (its application follows behind the answer). Any content type is accepted: the
 * signature, not a header, decides whether the bytes are Retell's. Answers are chosen by {@link WebhookResponses}.
 *
 * <p>When the database cannot be reached ({@link PersistenceUnavailableException}, and only then), the verified delivery
 * is appended to the local spool, forced to the disk, and answered as stored; the spool's drainer moves it into the
 * inbox later through the same acceptance. A full spool, or any other failure, is answered 503 for Retell to retry.
 */
@Path(RetellWebhookResource.PATH)
public final class RetellWebhookResource {

    /** Where Retell posts. */
    public static final String PATH = "/webhooks/retell";

    /** MDC key carrying the Retell call (or chat) id on log lines about one delivery. */
    public static final String MDC_CALL_ID = "call_id";

    private static final Logger LOG = LoggerFactory.getLogger(RetellWebhookResource.class);

    private final RetellSignatureVerifier verifier;
    private final IngestWebhookUseCase ingest;
    private final WebhookMetrics metrics;
    private final int maxBodyBytes;
    private final Clock clock;
    private final SpoolWriter spool;

    /**
     * @param verifier     the signature verifier built at start-up, or empty when no key is configured (every delivery
     *                     is then answered 503)
     * @param ingest       stores deliveries
     * @param metrics      the webhook metrics
     * @param maxBodyBytes the largest accepted body
     * @param clock        for the delivery's receive time
     * @param spool        keeps deliveries the database cannot take ({@link SpoolWriter#NONE}: answer those 503)
     */
    public RetellWebhookResource(Optional<RetellSignatureVerifier> verifier, IngestWebhookUseCase ingest,
                                 WebhookMetrics metrics, int maxBodyBytes, Clock clock, SpoolWriter spool) {
        this.verifier = verifier.orElse(null);
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxBodyBytes = maxBodyBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.spool = Objects.requireNonNull(spool, "spool");
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam(RetellSignatureVerifier.HEADER) String signature,
                            @Context HttpHeaders headers,
                            InputStream body) {
        long startNanos = System.nanoTime();
        Instant receivedAt = clock.instant();
        if (verifier == null) {
            metrics.signingKeyMissing();
            return WebhookResponses.signingKeyMissing();
        }

        byte[] raw;
        try {
            raw = BoundedBody.read(body, headers.getLength(), maxBodyBytes);
        } catch (BoundedBody.TooLargeException e) {
            metrics.oversized();
            LOG.warn("Refused a webhook body over {} bytes", maxBodyBytes);
            return WebhookResponses.tooLarge(maxBodyBytes);
        } catch (IOException e) {
            LOG.info("Could not read a webhook body in full: the client went away or sent a broken body");
            return WebhookResponses.unreadableBody();
        }

        SignatureCheck check = verifier.verify(raw, signature);
        if (check instanceof SignatureCheck.Invalid invalid) {
            metrics.signatureFailure(invalid.failure());
            LOG.warn("Refused a webhook: signature {} ({} bytes); nothing stored", invalid.failure(), raw.length);
            return WebhookResponses.invalidSignature(invalid);
        }

        IngestOutcome outcome;
        try {
            outcome = ingest.accept(new Delivery(raw, receivedAt));
        } catch (PersistenceUnavailableException unavailable) {
            if (spool.keep(new SpooledDelivery(raw, signature, receivedAt))) {
                String event = CallIds.eventName(raw);
                metrics.spooled(System.nanoTime() - startNanos, event);
                withCallId(CallIds.find(raw), () -> LOG.debug("The database cannot be reached: kept a delivery "
                        + "(event {}) in the spool, to be moved into the inbox when it answers", event));
                return WebhookResponses.spooled(event);
            }
            metrics.ingestFailure();
            withCallId(CallIds.find(raw), () ->
                    LOG.error("Could not store a webhook delivery; answering 503 so Retell retries: {}",
                            FailureSummary.of(unavailable)));
            return WebhookResponses.unavailable();
        } catch (RuntimeException e) {
            metrics.ingestFailure();
            withCallId(CallIds.find(raw), () ->
                    LOG.error("Could not store a webhook delivery; answering 503 so Retell retries: {}",
                            FailureSummary.of(e)));
            return WebhookResponses.unavailable();
        }
        metrics.stored(outcome, System.nanoTime() - startNanos);
        logOutcome(outcome, raw);
        return WebhookResponses.stored(outcome);
    }

    private static void logOutcome(IngestOutcome outcome, byte[] raw) {
        if (outcome instanceof IngestOutcome.Rejected rejected) {
            withCallId(CallIds.find(raw), () -> LOG.warn("Stored a delivery as rejected (event {}): {}",
                    rejected.eventName(), rejected.reason()));
        } else if (LOG.isDebugEnabled()) {
            withCallId(callIdOf(outcome), () -> LOG.debug("Stored a delivery (event {}): {}",
                    outcome.eventName(), outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private static String callIdOf(IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Accepted accepted) {
            return CallIds.safe(accepted.callId());
        }
        if (outcome instanceof IngestOutcome.Applied applied) {
            return CallIds.safe(applied.callId());
        }
        if (outcome instanceof IngestOutcome.Duplicate duplicate) {
            return CallIds.safe(duplicate.callId());
        }
        if (outcome instanceof IngestOutcome.Ignored ignored) {
            return CallIds.safe(ignored.callId());
        }
        return null;
    }

    private static void withCallId(String callId, Runnable log) {
        if (callId == null) {
            log.run();
            return;
        }
        MDC.put(MDC_CALL_ID, callId);
        try {
            log.run();
        } finally {
            MDC.remove(MDC_CALL_ID);
        }
    }
}
