package io.callhook.core.port.in;

import java.util.List;

/**
 * Records one Retell delivery (or a batch of them) and moves calls, contacts, campaigns and notifications forward.
 *
 * <p>The caller has already checked the signature: this use case trusts the bytes. Each delivery is parsed, deduplicated
 * and applied in one atomic unit of work, so an event is either fully recorded (raw body, outcome and every state
 * change) or not at all. Expected problems come back as {@link IngestOutcome} values; an exception means the
 * infrastructure failed and nothing was recorded, so the caller must not acknowledge the delivery.
 */
public interface IngestWebhookUseCase {

    /**
     * Accepts a single delivery for application behind the acknowledgement: one durable write of the raw bytes (plus,
     * for {@code call_inbound}, one read of the routing it is answered with). The outcome is
     * {@link IngestOutcome.Accepted} for a new event, {@link IngestOutcome.Duplicate} for one seen before, and
     * {@link IngestOutcome.Rejected} for a body that is no usable event (stored all the same); the appliers
     * ({@link ApplyInboxUseCase}) apply it.
     *
     * @throws io.callhook.core.port.out.PersistenceUnavailableException when the store cannot be reached; nothing was
     *                                                                    recorded
     */
    IngestOutcome accept(Delivery delivery);

    /**
     * Records a single delivery and applies it at once, in its own unit of work.
     *
     * @throws io.callhook.core.port.out.PersistenceUnavailableException when the store cannot be reached; nothing was
     *                                                                    recorded
     */
    IngestOutcome ingest(Delivery delivery);

    /**
     * Records several deliveries in one unit of work (replay throughput): all or none are recorded. Outcomes come back in
     * input order; a delivery repeated inside the batch is a {@link IngestOutcome.Duplicate} the second time.
     *
     * @throws io.callhook.core.port.out.PersistenceUnavailableException when the store cannot be reached; nothing was
     *                                                                    recorded
     */
    List<IngestOutcome> ingestBatch(List<Delivery> deliveries);

    /**
     * Processes a delivery kept in the inbox again, e.g. one rejected by an older version or one whose processing failed.
     * The stored raw bytes are parsed anew; when they now make a usable event, it is applied like a first delivery
     * unless that event was recorded since (then the outcome is a {@link IngestOutcome.Duplicate}). Rejected, failed and
     * dead entries are processed; entries that were applied or ignored, or are waiting to be applied, are not
     * ({@link IngestOutcome.Duplicate}).
     *
     * @param dedupeKey the inbox entry's key
     * @throws io.callhook.core.port.out.PersistenceUnavailableException when the store cannot be reached
     */
    IngestOutcome reprocess(String dedupeKey);
}
