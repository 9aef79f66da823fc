package io.callhook.http.stream;

import io.callhook.db.live.WebhookHealth;
import java.util.function.Supplier;

/** One health reading per interval for all the streams of a process, however many there are. */
final class HealthCache {

    private final Supplier<WebhookHealth> reader;
    private final long maxAgeMillis;
    private WebhookHealth value;
    private long readAt;

    HealthCache(Supplier<WebhookHealth> reader, long maxAgeMillis) {
        this.reader = reader;
        this.maxAgeMillis = maxAgeMillis;
    }

    synchronized WebhookHealth get() {
        long now = System.currentTimeMillis();
        if (value == null || now - readAt >= maxAgeMillis) {
            value = reader.get();
            readAt = now;
        }
        return value;
    }
}
