package io.callhook.db.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code callhook_activity} (V4's trigger notifies it after every insert into {@code activity_logs}, from
 * any process) and calls {@code onActivity} for each notification, so streams read new entries at once instead of at
 * their next poll. Only a hint: the streams also poll, so a lost connection or notification delays an event, never
 * loses it. Runs on one thread of its own with one connection, reconnecting after a pause when the database goes away.
 */
public final class ActivityWakeups implements AutoCloseable {

    /** The channel V4's trigger notifies. */
    public static final String CHANNEL = "callhook_activity";

    private static final Logger LOG = LoggerFactory.getLogger(ActivityWakeups.class);

    /** Opens a connection for listening (not returned to a pool while listening). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final Runnable onActivity;
    private final Duration reconnectPause;
    private final Thread thread;
    private volatile boolean running = true;

    public ActivityWakeups(ConnectionSource connections, Runnable onActivity, Duration reconnectPause) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
        this.reconnectPause = Objects.requireNonNull(reconnectPause, "reconnectPause");
        this.thread = new Thread(this::run, "callhook-activity-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection connection = connections.open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                warned = false;
                onActivity.run(); // anything written while we were not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                try {
                    while (running) {
                        PGNotification[] notifications = pg.getNotifications(1_000);
                        if (notifications != null && notifications.length > 0) {
                            onActivity.run();
                        }
                    }
                } finally {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *"); // a pooled connection goes back without our channel
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running && !warned) {
                    LOG.warn("Not listening for activity ({}); live streams fall back to polling until the database "
                            + "answers again", e.getClass().getSimpleName());
                    warned = true;
                }
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
