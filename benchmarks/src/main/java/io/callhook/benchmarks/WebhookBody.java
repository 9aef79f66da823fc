package io.callhook.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A realistic 2 KB {@code call_ended} body (written by {@code callhook generate-events}), and distinct copies of it: the
 * call id is swapped for a numbered one of the same length, so that every copy is a new event to the inbox.
 */
final class WebhookBody {

    static final byte[] CALL_ENDED = read("call_ended.json");

    private static final String CALL_ID = "call_d6aae15f36cdeb01c094dfe5b754";

    private final byte[] prefix;
    private final byte[] suffix;

    WebhookBody() {
        String body = new String(CALL_ENDED, StandardCharsets.UTF_8);
        int at = body.indexOf(CALL_ID);
        if (at < 0 || body.indexOf(CALL_ID, at + 1) >= 0) {
            throw new IllegalStateException("expected the call id exactly once in call_ended.json");
        }
        prefix = body.substring(0, at).getBytes(StandardCharsets.UTF_8);
        suffix = body.substring(at + CALL_ID.length()).getBytes(StandardCharsets.UTF_8);
    }

    /** The body with call id {@code call_<28 digits of n>}: an array copy, noise next to what is measured. */
    byte[] numbered(long n) {
        byte[] id = String.format("call_%028d", n).getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + id.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(id, 0, body, prefix.length, id.length);
        System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
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
