package io.callhook.http.support;

import io.callhook.core.retell.RetellSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** Recorded Retell payloads (copied from the shared fixtures) and signatures over them. */
public final class Fixtures {

    public static final String CALL_STARTED = "01-outbound-call_started.json";
    public static final String CALL_ENDED = "02-outbound-call_ended.json";
    public static final String CALL_INBOUND = "10-inbound-call_inbound.request.json";
    public static final String CHAT_STARTED = "70-chat-chat_started.json";
    public static final String CHAT_INBOUND = "75-sms-chat_inbound.request.json";

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("retell/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON body of exactly {@code size} bytes. */
    public static byte[] jsonOfSize(int size) {
        byte[] head = "{\"event\":\"call_started\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, size - tail.length, tail.length);
        return body;
    }

    public static String sign(String key, byte[] body) {
        return new RetellSigner(key).sign(body, Instant.now());
    }

    public static String sign(byte[] body) {
        return sign(TestServers.RETELL_KEY, body);
    }
}
