package io.callhook.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A realistic 2 KB {@code call_ended} body (written by {@code callhook generate-events}), and distinct copies of it: the
 * call id is swapped for a numbered one of the same length, so that every copy is a new event to the inbox.
 */
final class WebhookBody {

    static final byte[] CALL_ENDED = read("call_ended.json");

    private static final String CALL_ID = "call_d6aae15f36cdeb01c094dfe5b754";

    /** The body cut at each occurrence of the call id (it is also part of the recording and log URLs). */
    private final byte[][] parts;

    WebhookBody() {
        String[] cut = new String(CALL_ENDED, StandardCharsets.UTF_8).split(Pattern.quote(CALL_ID), -1);
        if (cut.length < 2) {
            throw new IllegalStateException("expected the call id in call_ended.json");
        }
        parts = new byte[cut.length][];
        for (int i = 0; i < cut.length; i++) {
            parts[i] = cut[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The body with call id {@code call_<28 digits of n>}: array copies, noise next to what is measured. */
    byte[] numbered(long n) {
        byte[] id = String.format("call_%028d", n).getBytes(StandardCharsets.US_ASCII);
        int length = id.length * (parts.length - 1);
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] body = new byte[length];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                System.arraycopy(id, 0, body, at, id.length);
                at += id.length;
            }
            System.arraycopy(parts[i], 0, body, at, parts[i].length);
            at += parts[i].length;
        }
        return body;
    }

    private static byte[] read(String name) {
        try (InputStream in = WebhookBody.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
