package io.callhook.core.service;

import io.callhook.core.call.CallId;
import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.InboundAnswer;
import io.callhook.core.port.in.IngestOutcome;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.InboxRepository.InboxEntry;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ingestion use case: parse, deduplicate through the inbox, apply, and record the outcome and the activity entries,
 * all in one unit of work per delivery (or per batch).
 */
public final class IngestionService implements IngestWebhookUseCase {

    private static final String UNKNOWN_EVENT = "unknown";

    private final UnitOfWork unitOfWork;
    private final RetellEventParser parser;
    private final Clock clock;
    private final Supplier<UUID> ids;

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
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.parser = new RetellEventParser();
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
        boolean[] first = new boolean[batch.size()];
        IntStream.range(0, batch.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> batch.get(i).key()).thenComparing(i -> i))
                .forEach(i -> first[i] = claim(stores, batch.get(i)));
        IntStream.range(0, batch.size())
                .filter(i -> first[i])
                .mapToObj(i -> batch.get(i).lockedCallId())
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))
                .forEach(callId -> stores.calls().lock(new CallId(callId)));
        return IntStream.range(0, batch.size()).mapToObj(i -> finish(stores, batch.get(i), first[i])).toList();
    }

    @Override
    public IngestOutcome reprocess(String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        return unitOfWork.inTransaction(stores -> {
            InboxEntry entry = stores.inbox().find(dedupeKey).orElse(null);
            if (entry == null) {
                return new IngestOutcome.Rejected(UNKNOWN_EVENT, "no inbox entry with key " + dedupeKey);
            }
            if (entry.status() != InboxStatus.REJECTED && entry.status() != InboxStatus.FAILED) {
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
            IngestOutcome outcome = first ? apply(stores, event, eventKey)
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
        return new Received(delivery, parsed, key);
    }

    /** Claims the delivery's inbox key; {@code true} when it is the first delivery with that key. */
    private static boolean claim(Stores stores, Received received) {
        RetellEvent event = received.event();
        return stores.inbox().claim(new InboxEntry(received.key(), event == null ? UNKNOWN_EVENT : event.name(),
                event == null ? null : callIdOf(event), received.delivery().body(), received.delivery().receivedAt(),
                InboxStatus.RECEIVED, null, 1));
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
        return apply(stores, event, received.key());
    }

    /** Applies a claimed event and records its outcome and activity. */
    private IngestOutcome apply(Stores stores, RetellEvent event, String key) {
        String callId = callIdOf(event);
        Instant now = clock.instant();
        ChangeRecorder changes = new ChangeRecorder(event.name(), callId, now, ids);
        IngestOutcome outcome = dispatch(stores, event, callId, now, changes);
        if (outcome instanceof IngestOutcome.Ignored ignored) {
            stores.inbox().complete(key, InboxStatus.IGNORED, ignored.reason());
        } else {
            stores.inbox().complete(key, InboxStatus.APPLIED, null);
        }
        stores.activity().append(changes.entries());
        return outcome;
    }

    /** Every {@link RetellEvent} subtype is handled here, in one place (a test walks the permitted subclasses). */
    private IngestOutcome dispatch(Stores stores, RetellEvent event, String callId, Instant now, ChangeRecorder changes) {
        if (event instanceof CallEvent call) {
            CallEventHandler.apply(stores, call, now, changes);
            return new IngestOutcome.Applied(event.name(), callId, changes.changes(), null);
        } else if (event instanceof CallInbound inbound) {
            InboundAnswer answer = InboundCallHandler.apply(stores, inbound, now, changes);
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

    /** A parsed delivery and its dedupe key. */
    private record Received(Delivery delivery, ParseResult parsed, String key) {

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
}
