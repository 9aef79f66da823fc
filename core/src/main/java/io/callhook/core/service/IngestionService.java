package io.callhook.core.service;

import io.callhook.core.call.CallId;
import io.callhook.core.port.in.ApplyInboxUseCase;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.InboundAnswer;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.InboundDecision;
import io.callhook.core.port.out.InboxRepository.Acceptance;
import io.callhook.core.port.out.InboxRepository.Backlog;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.InboxRepository.PendingEntry;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.CallInbound;
import io.callhook.core.retell.ChatEvent;
import io.callhook.core.retell.ChatInbound;
import io.callhook.core.retell.ParseResult;
import io.callhook.core.retell.RetellEvent;
import io.callhook.core.retell.RetellEventParser;
import io.callhook.core.retell.UnrecognisedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ingestion use cases. Two ways in, one way of applying:
 * <ul>
 *   <li>inbox-first ({@link #accept} then {@link #applyDue}): a delivery is acknowledged after one durable write and
 *       applied behind the acknowledgement, in claimed batches;</li>
 *   <li>synchronous ({@link #ingest}, {@link #ingestBatch}, {@link #reprocess}): parse, deduplicate through the inbox
 *       and apply in one unit of work per delivery or batch (replays, embedders of the core).</li>
 * </ul>
 * Both apply events through the same code ({@code applyInOrder}), so a replay and a webhook cannot disagree.
 */
public final class IngestionService implements IngestWebhookUseCase, ApplyInboxUseCase {

    private static final String UNKNOWN_EVENT = "unknown";

    private final UnitOfWork unitOfWork;
    private final RetellEventParser parser;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final ApplyPolicy policy;
    private final Function<RuntimeException, String> describeFailure;
    /** Claims of batches the store failed under, to give back when it answers (see {@link #releaseLapsedClaims}). */
    private final Queue<UUID> lapsedClaims = new ConcurrentLinkedQueue<>();

    /**
     * @param unitOfWork the store
     * @param clock      time of state changes (activity entries, notifications, retry scheduling of calls that never
     *                   connected)
     */
    public IngestionService(UnitOfWork unitOfWork, Clock clock) {
        this(unitOfWork, clock, UUID::randomUUID);
    }

    /** As {@link #IngestionService(UnitOfWork, Clock)}, with the source of activity-entry ids (for tests). */
    public IngestionService(UnitOfWork unitOfWork, Clock clock, Supplier<UUID> ids) {
        this(unitOfWork, clock, ids, ApplyPolicy.DEFAULT, failure -> "unexpected failure");
    }

    /**
     * @param policy          retries of events that fail to apply, and take-over of stuck claims
     * @param describeFailure why applying failed, in words that hold no personal data (stored with a failed entry);
     *                        the store's adapter knows its failures best
     */
    public IngestionService(UnitOfWork unitOfWork, Clock clock, ApplyPolicy policy,
                            Function<RuntimeException, String> describeFailure) {
        this(unitOfWork, clock, UUID::randomUUID, policy, describeFailure);
    }

    private IngestionService(UnitOfWork unitOfWork, Clock clock, Supplier<UUID> ids, ApplyPolicy policy,
                             Function<RuntimeException, String> describeFailure) {
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.describeFailure = Objects.requireNonNull(describeFailure, "describeFailure");
        this.parser = new RetellEventParser();
    }

    @Override
    public IngestOutcome accept(Delivery delivery) {
        Received received = receive(delivery);
        RetellEvent event = received.event();
        InboxEntry entry = entryOf(received, InboxStatus.PENDING);
        if (event instanceof CallInbound inbound) {
            // answered now, applied later: the decision is recorded so that the applier agrees with the answer
            return unitOfWork.inTransaction(stores -> {
                InboundDecision decided = delivery.answeredWithoutDecision()
                        ? InboundCallHandler.decideWithoutRouting(stores, inbound)
                        : InboundCallHandler.decide(stores, inbound);
                Acceptance acceptance = stores.inbox().accept(entry, decided);
                InboundDecision given = acceptance.decision() != null ? acceptance.decision() : decided;
                return acceptance.first()
                        ? new IngestOutcome.Accepted(event.name(), inbound.callId(), given.answer())
                        : new IngestOutcome.Duplicate(event.name(), inbound.callId(), given.answer());
            });
        }
        Acceptance acceptance = unitOfWork.inTransaction(stores -> stores.inbox().accept(entry, null));
        if (received.parsed() instanceof ParseResult.Malformed malformed) {
            return new IngestOutcome.Rejected(UNKNOWN_EVENT, malformed.describe());
        }
        return acceptance.first() ? new IngestOutcome.Accepted(event.name(), callIdOf(event), null)
                : new IngestOutcome.Duplicate(event.name(), callIdOf(event), null);
    }

    @Override
    public ApplyReport applyDue(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        releaseLapsedClaims();
        UUID token = UUID.randomUUID();
        List<PendingEntry> claimed = unitOfWork.inTransaction(
                stores -> stores.inbox().claimDue(token, batchSize, policy.reclaimAfter()));
        if (claimed.isEmpty()) {
            return ApplyReport.NOTHING_DUE;
        }
        List<Claimed> batch = claimed.stream().map(entry -> new Claimed(entry,
                receive(new Delivery(entry.body(), entry.receivedAt()), entry.dedupeKey(), entry.decision()))).toList();
        Tally tally = new Tally();
        try {
            applyOrSplit(token, batch, tally);
        } catch (PersistenceUnavailableException unavailable) {
            lapsedClaims.add(token);
            throw unavailable;
        }
        return new ApplyReport(claimed.size(), tally.lags, tally.failed, tally.dead, tally.notificationsCreated);
    }

    @Override
    public Backlog backlog() {
        return unitOfWork.inTransaction(stores -> stores.inbox().backlog());
    }

    /**
     * Gives back the claims of batches that stopped because the store was unreachable, once it answers again, so their
     * events are applied at once rather than after the reclaim bound. Kept in this process only: if it dies first, the
     * reclaim bound still hands the events to another applier.
     */
    private void releaseLapsedClaims() {
        if (lapsedClaims.isEmpty()) {
            return;
        }
        List<UUID> tokens = new ArrayList<>();
        for (UUID token = lapsedClaims.poll(); token != null; token = lapsedClaims.poll()) {
            tokens.add(token);
        }
        try {
            unitOfWork.inTransaction(stores -> stores.inbox().release(tokens));
        } catch (RuntimeException stillUnreachable) {
            lapsedClaims.addAll(tokens);
            throw stillUnreachable;
        }
    }

    /**
     * Applies a claimed batch in one unit of work; when that fails for any reason but an unreachable store, splits it in
     * halves and tries each, down to the single event that fails, so one poison event never holds up the others.
     */
    private void applyOrSplit(UUID token, List<Claimed> batch, Tally tally) {
        try {
            Applied applied = unitOfWork.inTransaction(stores -> applyHeld(stores, token, batch));
            tally.lags.addAll(applied.lags());
            tally.notificationsCreated += applied.notificationsCreated();
        } catch (PersistenceUnavailableException unavailable) {
            throw unavailable; // not the events' fault: the claims lapse and are taken over later
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                markFailed(token, batch.get(0).entry(), failure, tally);
                return;
            }
            int half = batch.size() / 2;
            applyOrSplit(token, batch.subList(0, half), tally);
            applyOrSplit(token, batch.subList(half, batch.size()), tally);
        }
    }

    /**
     * Applies the entries still held by {@code token}, oldest first, and returns each one's acceptance-to-apply lag and
     * the notifications they created.
     */
    private Applied applyHeld(Stores stores, UUID token, List<Claimed> batch) {
        Set<String> held = new HashSet<>(stores.inbox().hold(token,
                batch.stream().map(c -> c.entry().dedupeKey()).sorted().toList()));
        List<Received> toApply = batch.stream().filter(c -> held.contains(c.entry().dedupeKey()))
                .map(Claimed::received).toList();
        List<IngestOutcome> outcomes = applyInOrder(stores, toApply, all(toApply.size()));
        Instant now = clock.instant();
        int notifications = (int) outcomes.stream()
                .filter(IngestOutcome.Applied.class::isInstance)
                .flatMap(o -> ((IngestOutcome.Applied) o).changes().stream())
                .filter(c -> "notification".equals(c.entity()) && "created".equals(c.action()))
                .count();
        return new Applied(toApply.stream().map(r -> Duration.between(r.delivery().receivedAt(), now)).toList(),
                notifications);
    }

    /** What one unit of work of a batch applied: each entry's acceptance-to-apply lag, and notifications created. */
    private record Applied(List<Duration> lags, int notificationsCreated) {
    }

    private void markFailed(UUID token, PendingEntry entry, RuntimeException failure, Tally tally) {
        int attempts = entry.applyAttempts() + 1;
        boolean dead = attempts >= policy.maxAttempts();
        String reason = "apply attempt " + attempts + " of " + policy.maxAttempts() + " failed: "
                + describeFailure.apply(failure);
        Instant next = clock.instant().plus(policy.backoff(attempts));
        unitOfWork.inTransaction(stores -> {
            stores.inbox().fail(entry.dedupeKey(), token, reason, next, dead);
            return null;
        });
        if (dead) {
            tally.dead++;
        } else {
            tally.failed++;
        }
    }

    @Override
    public IngestOutcome ingest(Delivery delivery) {
        // parsed before the unit of work starts, so that no pooled connection is held while the body is parsed
        Received received = receive(delivery);
        return unitOfWork.inTransaction(stores -> finish(stores, received, claim(stores, received)));
    }

    @Override
    public List<IngestOutcome> ingestBatch(List<Delivery> deliveries) {
        List<Received> batch = deliveries.stream().map(this::receive).toList();
        return unitOfWork.inTransaction(stores -> processBatch(stores, batch));
    }

    /**
     * A batch holds every lock it takes until it commits, so it takes them in one global order — inbox keys sorted, then
     * call ids sorted — before applying the claimed events in delivery order; otherwise two concurrent batches (or a
     * batch and a webhook) would deadlock on each other's calls.
     */
    private List<IngestOutcome> processBatch(Stores stores, List<Received> batch) {
        Set<String> created = stores.inbox().claimAll(
                batch.stream().map(received -> entryOf(received, InboxStatus.RECEIVED)).toList());
        boolean[] first = new boolean[batch.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String key = batch.get(i).key();
            first[i] = created.contains(key) && seen.add(key); // a key's earliest delivery in the batch is its first
        }
        return applyInOrder(stores, batch, first);
    }

    /**
     * Applies (or records as duplicates) deliveries whose inbox entries this unit of work holds: locks every call the
     * first deliveries touch in call-id order — after the inbox keys, the global lock order — then applies them in
     * the given order. The one way events are applied, synchronously or by the appliers.
     */
    private List<IngestOutcome> applyInOrder(Stores stores, List<Received> batch, boolean[] first) {
        stores.calls().lockAll(IntStream.range(0, batch.size())
                .filter(i -> first[i])
                .mapToObj(i -> batch.get(i).lockedCallId())
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream().map(CallId::new).toList());
        return IntStream.range(0, batch.size()).mapToObj(i -> finish(stores, batch.get(i), first[i])).toList();
    }

    private static boolean[] all(int size) {
        boolean[] first = new boolean[size];
        java.util.Arrays.fill(first, true);
        return first;
    }

    @Override
    public IngestOutcome reprocess(String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        return unitOfWork.inTransaction(stores -> {
            // locked, so that no applier works on the entry meanwhile
            InboxEntry entry = stores.inbox().lock(dedupeKey).orElse(null);
            if (entry == null) {
                return new IngestOutcome.Rejected(UNKNOWN_EVENT, "no inbox entry with key " + dedupeKey);
            }
            if (entry.status() != InboxStatus.REJECTED && entry.status() != InboxStatus.FAILED
                    && entry.status() != InboxStatus.DEAD) {
                return new IngestOutcome.Duplicate(entry.eventName(), entry.callId(), null);
            }
            ParseResult parsed = parser.parse(entry.body());
            if (parsed instanceof ParseResult.Malformed malformed) {
                stores.inbox().complete(dedupeKey, InboxStatus.REJECTED, malformed.describe());
                return new IngestOutcome.Rejected(UNKNOWN_EVENT, malformed.describe());
            }
            RetellEvent event = ((ParseResult.Parsed) parsed).event();
            String eventKey = DedupeKeys.of(event);
            // a rejected body is kept under its hash; once it parses it becomes the event, unless that arrived since
            boolean first = eventKey.equals(dedupeKey) || stores.inbox().claim(new InboxEntry(eventKey, event.name(),
                    callIdOf(event), entry.body(), entry.receivedAt(), InboxStatus.RECEIVED, null, 1));
            IngestOutcome outcome = first ? apply(stores, event, eventKey, null)
                    : new IngestOutcome.Duplicate(event.name(), callIdOf(event), null);
            if (!eventKey.equals(dedupeKey)) {
                stores.inbox().complete(dedupeKey, InboxStatus.APPLIED, "reprocessed as " + eventKey);
            }
            return outcome;
        });
    }

    /** Parses a delivery and works out its dedupe key; touches no store. */
    private Received receive(Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        ParseResult parsed = parser.parse(delivery.body());
        String key = parsed instanceof ParseResult.Parsed p ? DedupeKeys.of(p.event())
                : DedupeKeys.ofMalformed(delivery.body());
        return new Received(delivery, parsed, key, null);
    }

    /** Parses a delivery kept in the inbox under {@code key}, answered with {@code decision} (or {@code null}). */
    private Received receive(Delivery delivery, String key, InboundDecision decision) {
        return new Received(delivery, parser.parse(delivery.body()), key, decision);
    }

    /** Claims the delivery's inbox key; {@code true} when it is the first delivery with that key. */
    private static boolean claim(Stores stores, Received received) {
        return stores.inbox().claim(entryOf(received, InboxStatus.RECEIVED));
    }

    private static InboxEntry entryOf(Received received, InboxStatus status) {
        RetellEvent event = received.event();
        return new InboxEntry(received.key(), event == null ? UNKNOWN_EVENT : event.name(),
                event == null ? null : callIdOf(event), received.delivery().body(), received.delivery().receivedAt(),
                status, null, 1);
    }

    /** Records what a claimed (or refused) delivery amounts to. */
    private IngestOutcome finish(Stores stores, Received received, boolean first) {
        if (received.parsed() instanceof ParseResult.Malformed malformed) {
            return reject(stores, received.key(), malformed, first);
        }
        RetellEvent event = received.event();
        if (!first) {
            InboundAnswer answer = event instanceof CallInbound inbound
                    ? InboundCallHandler.decide(stores, inbound).answer() : null;
            return new IngestOutcome.Duplicate(event.name(), callIdOf(event), answer);
        }
        return apply(stores, event, received.key(), received.decision());
    }

    /**
     * Applies a claimed event and records its outcome and activity; {@code decision} is the answer a
     * {@code call_inbound} was given when it was accepted ({@code null}: decide now).
     */
    private IngestOutcome apply(Stores stores, RetellEvent event, String key, InboundDecision decision) {
        String callId = callIdOf(event);
        Instant now = clock.instant();
        ChangeRecorder changes = new ChangeRecorder(event.name(), callId, now, ids);
        IngestOutcome outcome = dispatch(stores, event, callId, now, changes, decision);
        if (outcome instanceof IngestOutcome.Ignored ignored) {
            stores.inbox().complete(key, InboxStatus.IGNORED, ignored.reason());
        } else {
            stores.inbox().complete(key, InboxStatus.APPLIED, null);
        }
        stores.activity().append(changes.entries());
        return outcome;
    }

    /** Every {@link RetellEvent} subtype is handled here, in one place (a test walks the permitted subclasses). */
    private IngestOutcome dispatch(Stores stores, RetellEvent event, String callId, Instant now, ChangeRecorder changes,
                                   InboundDecision decision) {
        if (event instanceof CallEvent call) {
            CallEventHandler.apply(stores, call, now, changes);
            return new IngestOutcome.Applied(event.name(), callId, changes.changes(), null);
        } else if (event instanceof CallInbound inbound) {
            InboundAnswer answer = InboundCallHandler.apply(stores, inbound,
                    decision != null ? decision : InboundCallHandler.decide(stores, inbound), now, changes);
            return new IngestOutcome.Applied(event.name(), callId, changes.changes(), answer);
        } else if (event instanceof ChatInbound) {
            return new IngestOutcome.Ignored(event.name(), callId, "inbound SMS: answered with Retell's defaults");
        } else if (event instanceof ChatEvent) {
            return new IngestOutcome.Ignored(event.name(), callId, "chat events are recorded but not acted on");
        } else if (event instanceof UnrecognisedEvent) {
            return new IngestOutcome.Ignored(event.name(), callId, "unrecognised event '" + event.name() + "'");
        }
        throw new IllegalStateException("unhandled event type " + event.getClass().getSimpleName());
    }

    private IngestOutcome reject(Stores stores, String key, ParseResult.Malformed malformed, boolean first) {
        String reason = malformed.describe();
        if (first) {
            stores.inbox().complete(key, InboxStatus.REJECTED, reason);
            ChangeRecorder changes = new ChangeRecorder(UNKNOWN_EVENT, null, clock.instant(), ids);
            changes.record(null, "inbox", key, "rejected", null, reason);
            stores.activity().append(changes.entries());
        }
        return new IngestOutcome.Rejected(UNKNOWN_EVENT, reason);
    }

    private static String callIdOf(RetellEvent event) {
        if (event instanceof CallEvent call) {
            return call.call().callId();
        } else if (event instanceof CallInbound inbound) {
            return inbound.callId();
        } else if (event instanceof ChatEvent chat) {
            return chat.chatId();
        } else if (event instanceof ChatInbound inbound) {
            return inbound.chatId();
        }
        return null;
    }

    /** A parsed delivery, its dedupe key and, for an accepted {@code call_inbound}, the answer it was given. */
    private record Received(Delivery delivery, ParseResult parsed, String key, InboundDecision decision) {

        /** The event, or {@code null} for a malformed body. */
        RetellEvent event() {
            return parsed instanceof ParseResult.Parsed p ? p.event() : null;
        }

        /** The call a claimed delivery will lock, or {@code null}. */
        String lockedCallId() {
            RetellEvent event = event();
            return event instanceof CallEvent || event instanceof CallInbound ? callIdOf(event) : null;
        }
    }

    /** A claimed inbox entry and its parsed delivery. */
    private record Claimed(PendingEntry entry, Received received) {
    }

    /** What one {@link #applyDue} did so far. */
    private static final class Tally {
        final List<Duration> lags = new ArrayList<>();
        int failed;
        int dead;
        int notificationsCreated;
    }
}
