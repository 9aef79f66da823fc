package io.callhook.cli.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Remembers the bytes read through it since the last {@link #discardBefore(long)}, addressed by absolute offset, so
 * that the exact bytes of a JSON value can be cut out after a streaming parser has read past them. Holds at most one
 * value plus the parser's read-ahead.
 */
final class RetainingInputStream extends FilterInputStream {

    private byte[] retained = new byte[16 * 1024];
    private long retainedStart;
    private int retainedLength;

    RetainingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            ensureCapacity(1);
            retained[retainedLength++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            ensureCapacity(n);
            System.arraycopy(b, off, retained, retainedLength, n);
            retainedLength += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes {@code [from, to)} of the stream; both must still be retained. */
    byte[] slice(long from, long to) {
        if (from < retainedStart || to > retainedStart + retainedLength || from > to) {
            throw new IllegalStateException("bytes " + from + ".." + to + " are not retained");
        }
        int start = (int) (from - retainedStart);
        return Arrays.copyOfRange(retained, start, start + (int) (to - from));
    }

    /** Everything read so far, when nothing was discarded yet. */
    byte[] allRead() {
        return slice(retainedStart, retainedStart + retainedLength);
    }

    /** Forgets the bytes before {@code offset}. */
    void discardBefore(long offset) {
        int drop = (int) Math.min(Math.max(0, offset - retainedStart), retainedLength);
        System.arraycopy(retained, drop, retained, 0, retainedLength - drop);
        retainedLength -= drop;
        retainedStart += drop;
    }

    private void ensureCapacity(int extra) {
        if (retainedLength + extra > retained.length) {
            retained = Arrays.copyOf(retained, Math.max(retained.length * 2, retainedLength + extra));
        }
    }
}
