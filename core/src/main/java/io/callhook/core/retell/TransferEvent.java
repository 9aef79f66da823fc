package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the four opt-in {@code transfer_*} events. Unlike lifecycle events these can repeat within a call.
 *
 * <p>{@code transferDestination} here is the envelope-level <em>object</em> {@code {number, extension}}, not the string
 * of the same name inside the call object; both it and {@code transferOption} are kept as raw JSON (may be {@code null}).
 */
public sealed interface TransferEvent extends CallEvent
        permits TransferStarted, TransferBridged, TransferCancelled, TransferEnded {

    /** Envelope-level {@code transfer_destination}, or {@code null}. */
    JsonNode transferDestination();

    /** Envelope-level {@code transfer_option}, or {@code null}. */
    JsonNode transferOption();
}
