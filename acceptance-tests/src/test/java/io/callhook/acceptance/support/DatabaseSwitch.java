package io.callhook.acceptance.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between the server under test and PostgreSQL that a test can switch off, to make the database
 * unreachable for the server (and only for it) without stopping the PostgreSQL server other test classes use.
 *
 * <p>Switched off, every open connection is cut and new ones are accepted and closed at once, as a database host that
 * went away would; switched on again, connections are relayed as before.
 */
public final class DatabaseSwitch implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)");

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "database-switch");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean on = true;
    private final AtomicInteger refused = new AtomicInteger();
    private String routedPath = "";

    private DatabaseSwitch(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Starts relaying from a free local port to {@code host:port}. */
    public static DatabaseSwitch to(String host, int port) {
        try {
            return new DatabaseSwitch(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the database switch", e);
        }
    }

    /**
     * Starts relaying to the PostgreSQL server of {@code jdbcUrl} ({@code jdbc:postgresql://host[:port]/db?...});
     * {@link #jdbcUrl()} is the same URL through this switch.
     */
    public static DatabaseSwitch inFrontOf(String jdbcUrl) {
        Matcher m = JDBC_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot route " + jdbcUrl + " through a database switch");
        }
        DatabaseSwitch databaseSwitch = to(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        databaseSwitch.routedPath = m.group(3);
        return databaseSwitch;
    }

    /** The JDBC URL given to {@link #inFrontOf}, pointing at this switch instead of the database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + routedPath;
    }

    /** Connections refused while switched off: proof that the server kept trying. */
    public int refusedConnections() {
        return refused.get();
    }

    /** The local port the server under test should connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts every relayed connection and refuses new ones until {@link #switchOn()}. */
    public void switchOff() {
        on = false;
        open.forEach(DatabaseSwitch::closeQuietly);
        open.clear();
    }

    /** Relays connections again. */
    public void switchOn() {
        on = true;
    }

    @Override
    public void close() {
        switchOff();
        closeQuietly(listener);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!on) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException closed) {
            // one side went away (or the switch was turned off)
        } catch (IOException e) {
            // same: the relay ends
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
