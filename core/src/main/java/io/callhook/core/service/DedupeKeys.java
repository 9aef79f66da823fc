package io.callhook.core.service;

import io.callhook.core.retell.CallAnalyzed;
import io.callhook.core.retell.CallEnded;
import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.CallInbound;
import io.callhook.core.retell.CallStarted;
import io.callhook.core.retell.ChatEvent;
import io.callhook.core.retell.ChatInbound;
import io.callhook.core.retell.RetellEvent;
import io.callhook.core.retell.TransferEvent;
import io.callhook.core.retell.UnrecognisedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What makes two deliveries the same event. Retell sends no delivery id, so: lifecycle events fire once per call
 * ({@code call_id} + event name); transfer and transcript events can repeat within a call, so their call object's hash
 * is added; the envelope's {@code event_timestamp} is left out of hashes because retries may not keep it.
 */
final class DedupeKeys {

    private DedupeKeys() {
    }

    static String of(RetellEvent event) {
        if (event instanceof CallStarted || event instanceof CallEnded || event instanceof CallAnalyzed) {
            return "call:" + ((CallEvent) event).call().callId() + ":" + event.name();
        } else if (event instanceof TransferEvent transfer) {
            return "call:" + transfer.call().callId() + ":" + event.name() + ":"
                    + sha256(transfer.call().raw() + "|" + transfer.transferDestination() + "|" + transfer.transferOption());
        } else if (event instanceof CallEvent call) {
            return "call:" + call.call().callId() + ":" + event.name() + ":" + sha256(String.valueOf(call.call().raw()));
        } else if (event instanceof CallInbound inbound) {
            return inbound.callId() != null ? "call_inbound:" + inbound.callId()
                    : "call_inbound:" + sha256(inbound.fromNumber() + "|" + inbound.toNumber() + "|" + inbound.agentId()
                    + "|" + inbound.eventTimestamp());
        } else if (event instanceof ChatInbound inbound) {
            return inbound.chatId() != null ? "chat_inbound:" + inbound.chatId()
                    : "chat_inbound:" + sha256(inbound.fromNumber() + "|" + inbound.toNumber() + "|"
                    + inbound.eventTimestamp());
        } else if (event instanceof ChatEvent chat) {
            return "chat:" + chat.chatId() + ":" + chat.name() + ":" + sha256(String.valueOf(chat.raw()));
        } else if (event instanceof UnrecognisedEvent unknown) {
            return "event:" + unknown.name() + ":" + sha256(unknown.body().toString());
        }
        throw new IllegalArgumentException("no dedupe key for " + Objects.requireNonNull(event).name());
    }

    /** Key of a body that could not be parsed: the same bytes are the same delivery. */
    static String ofMalformed(byte[] body) {
        return "malformed:" + sha256(body);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
