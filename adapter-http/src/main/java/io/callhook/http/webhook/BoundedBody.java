package io.callhook.http.webhook;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory, never more than a limit: a declared {@code Content-Length} above the limit is
 * refused before a byte is read, and a chunked body is refused as soon as byte {@code limit + 1} arrives.
 */
final class BoundedBody {

    /** The body is larger than the limit; nothing more was read. */
    static final class TooLargeException extends Exception {
        TooLargeException() {
            super(null, null, false, false);
        }
    }

    private BoundedBody() {
    }

    /**
     * @param in             the request body
     * @param declaredLength the {@code Content-Length}, or a negative number when unknown (chunked)
     * @param limit          the largest accepted body, in bytes
     * @return all body bytes, at most {@code limit} of them
     * @throws TooLargeException if the body is (or declares to be) longer than {@code limit}
     * @throws IOException       if the client went away or sent a broken body
     */
    static byte[] read(InputStream in, long declaredLength, int limit) throws TooLargeException, IOException {
        if (declaredLength > limit) {
            throw new TooLargeException();
        }
        // readNBytes grows its buffer as data arrives, so a lying Content-Length costs nothing extra
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new TooLargeException();
        }
        return body;
    }
}
