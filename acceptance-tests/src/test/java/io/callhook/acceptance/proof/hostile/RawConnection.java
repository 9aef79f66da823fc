package io.callhook.acceptance.proof.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a plain socket: exact request bytes out, one parsed answer back per request, so a test
 * knows that every request it sends travels on this one connection (no client pool choosing for it).
 */
public final class RawConnection implements AutoCloseable {

    /** One answer: status, headers (lower-case names) and body. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawConnection(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(15_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a request: {@code head} is the request line and headers without the blank line; a Content-Length is added. */
    public void send(String head, byte[] body) {
        sendHead(head, body.length);
        sendBytes(body);
    }

    /** Writes the request line and headers, declaring a body of {@code contentLength} bytes still to come. */
    public void sendHead(String head, long contentLength) {
        sendBytes((head.strip() + "\r\nHost: 127.0.0.1\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes bytes as they are: part of a body, or anything else. */
    public void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one answer; a connection the server closed instead of answering is an {@link UncheckedIOException}. */
    public Reply read() {
        try {
            String statusLine = line();
            if (statusLine.isEmpty()) {
                throw new IOException("the server closed the connection without answering");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().strip(), 16); size > 0;
                     size = Integer.parseInt(line().strip(), 16)) {
                    chunks.write(in.readNBytes(size));
                    line();
                }
                line();
                body = chunks.toByteArray();
            } else {
                body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server has closed its side (a read sees the end of the stream). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
