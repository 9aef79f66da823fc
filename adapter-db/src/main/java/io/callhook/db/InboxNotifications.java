package io.callhook.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hint, between server processes, that inbox rows were inserted ({@code NOTIFY callhook_inbox}), on a connection of
 * its own: it listens and runs {@code onNotice} for each hint, and it sends one when {@link #hint()} was called since
 * its last one, at most once per {@link #SEND_INTERVAL}. Sending from here, not from the accepting transactions, keeps
 * webhook commits off the database-wide lock notifying commits take (V6). A hint only: notifications are lost while the
 * connection is down, and the appliers poll anyway, so a lost one delays an event by one poll interval at most. The
 * connection is reopened after a failure.
 */
public final class InboxNotifications implements AutoCloseable {

    /** The channel of the hint. */
    public static final String CHANNEL = "callhook_inbox";
    /** How long a hint may wait to be sent: the longest extra delay before another process's appliers look. */
    static final Duration SEND_INTERVAL = Duration.ofMillis(20);

    private static final Logger LOG = LoggerFactory.getLogger(InboxNotifications.class);

    private final DataSource dataSource;
    private final Runnable onNotice;
    private final Duration reconnectDelay;
    private final Thread thread;
    private final AtomicBoolean hinted = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile Connection connection;

    private InboxNotifications(DataSource dataSource, Runnable onNotice, Duration reconnectDelay) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.onNotice = Objects.requireNonNull(onNotice, "onNotice");
        this.reconnectDelay = Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        this.thread = new Thread(this::listen, "callhook-inbox-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening in a thread of its own.
     *
     * @param dataSource     where to open the listening connection (not a pool: it is held for as long as this runs)
     * @param onNotice       what to do on each hint (must be quick)
     * @param reconnectDelay wait before reopening a failed connection
     */
    public static InboxNotifications start(DataSource dataSource, Runnable onNotice, Duration reconnectDelay) {
        InboxNotifications listener = new InboxNotifications(dataSource, onNotice, reconnectDelay);
        listener.thread.start();
        return listener;
    }

    private void listen() {
        while (running) {
            try (Connection opened = dataSource.getConnection(); Statement statement = opened.createStatement()) {
                connection = opened;
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = opened.unwrap(PGConnection.class);
                while (running) {
                    if (hinted.getAndSet(false)) {
                        statement.execute("NOTIFY " + CHANNEL);
                    }
                    PGNotification[] notices = pg.getNotifications((int) SEND_INTERVAL.toMillis());
                    if (notices != null && notices.length > 0) {
                        onNotice.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.info("Not listening for inbox notifications (SQLState {}); appliers poll meanwhile, "
                            + "retrying in {} ms", SqlFailures.sqlState(e), reconnectDelay.toMillis());
                    pause();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Asks for a hint to every process's appliers (this one's included) within {@link #SEND_INTERVAL}. */
    public void hint() {
        hinted.set(true);
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // closing is all we wanted
            }
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
