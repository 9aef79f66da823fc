package io.callhook.core.retell;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call_inbound}: a call is ringing on one of our numbers and Retell waits for our decision (the caller hears
 * ringing meanwhile). Only {@code fromNumber} and {@code toNumber} are always present.
 *
 * @param callId           {@code call_id}, or {@code null} (documented by newer SDKs only)
 * @param agentId          the number's inbound agent, or {@code null}
 * @param agentVersion     its version, or {@code null}
 * @param fromNumber       caller number as sent
 * @param toNumber         our number as sent
 * @param customSipHeaders passed-through SIP headers (lower-cased names), empty when absent
 * @param eventTimestamp   envelope {@code event_timestamp}, or {@code null}
 */
public record CallInbound(
        String callId,
        String agentId,
        Integer agentVersion,
        String fromNumber,
        String toNumber,
        Map<String, String> customSipHeaders,
        Instant eventTimestamp) implements RetellEvent {

    /** Wire name of this event. */
    public static final String NAME = "call_inbound";

    public CallInbound {
        Objects.requireNonNull(fromNumber, "fromNumber");
        Objects.requireNonNull(toNumber, "toNumber");
        customSipHeaders = customSipHeaders == null ? Map.of() : Map.copyOf(customSipHeaders);
    }

    @Override
    public String name() {
        return NAME;
    }
}
