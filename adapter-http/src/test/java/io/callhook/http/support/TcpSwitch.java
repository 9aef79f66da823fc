package io.callhook.http.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port in front of another: while on, connections are forwarded to the target; while off, nothing listens (new
 * connections are refused) and open ones are cut. For a database that goes away and comes back.
 */
public final class TcpSwitch implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;

    private TcpSwitch(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** A switch to {@code host:port} on a free local port, off. */
    public static TcpSwitch off(String host, int port) {
        try (ServerSocket probe = new ServerSocket(0)) {
            return new TcpSwitch(host, port, probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public synchronized void turnOn() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-switch-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public synchronized void turnOff() {
        ServerSocket current = listener;
        listener = null;
        closeQuietly(current);
        open.forEach(TcpSwitch::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        turnOff();
    }

    private void accept() {
        ServerSocket current = listener;
        while (current != null && !current.isClosed()) {
            try {
                Socket client = current.accept();
                Socket target = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(target);
                pipe(client, target);
                pipe(target, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // a side went away: the other one is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-switch-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
