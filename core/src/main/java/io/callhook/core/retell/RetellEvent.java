package io.callhook.core.retell;

import java.time.Instant;

/**
 * One webhook delivery from Retell, parsed from the raw request body by {@link RetellEventParser}.
 *
 * <p>The family is closed: every event name Retell documents has its own record, and any other name becomes an
 * {@link UnrecognisedEvent} that keeps the name, so a new Retell event never fails parsing.
 */
public sealed interface RetellEvent permits CallEvent, ChatEvent, CallInbound, ChatInbound, UnrecognisedEvent {

    /** The {@code event} value exactly as Retell sent it, e.g. {@code call_ended}. */
    String name();

    /** The envelope's {@code event_timestamp}, or {@code null}: Retell documents it only for {@code call_inbound}. */
    Instant eventTimestamp();
}
