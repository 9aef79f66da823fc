package io.callhook.http.stream;

import io.callhook.db.live.ActivityFeed;
import io.callhook.db.live.ActivityWakeups;
import io.callhook.db.live.StreamTickets;
import io.callhook.db.live.WebhookHealthReader;
import java.util.Objects;

/**
 * What the live stream reads, all from the shared database: the ordered activity feed, the connection the wake-up
 * listener holds, stream tickets and webhook health. Built with the database wiring
 * ({@link io.callhook.http.database.PostgresServices}); a server without it has no {@code /api/stream}.
 */
public record LiveSources(ActivityFeed feed, ActivityWakeups.ConnectionSource listenerConnections,
                          StreamTickets tickets, WebhookHealthReader health) {

    public LiveSources {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(listenerConnections, "listenerConnections");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(health, "health");
    }
}
