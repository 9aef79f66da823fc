package io.callhook.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One event per non-blank line ({@code .ndjson}, {@code .jsonl}). Streams line by line, so file size does not matter;
 * a bad line becomes an {@link InputProblem} and reading goes on with the next line. The body is the line's exact
 * bytes without its line terminator ({@code \n} or {@code \r\n}).
 */
final class NdjsonReader implements ItemReader {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final String file;
    private final DeliveryDecoder decoder;
    private final boolean closeInput;

    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1024];
    private int lineLen;
    private int lineNumber;
    private boolean done;

    NdjsonReader(InputStream in, String file, DeliveryDecoder decoder, boolean closeInput) {
        this.in = in;
        this.file = file;
        this.decoder = decoder;
        this.closeInput = closeInput;
    }

    @Override
    public InputItem read() {
        while (!done) {
            boolean more;
            try {
                more = nextLine();
            } catch (IOException e) {
                done = true;
                return new InputProblem(Origin.ofLine(file, lineNumber + 1),
                        "could not read: " + JsonMessages.ioReason(e) + "; the rest of this file is skipped");
            }
            if (!more) {
                done = true;
                return null;
            }
            lineNumber++;
            if (isBlank()) {
                continue;
            }
            return decoder.fromBytes(Arrays.copyOf(line, lineLen), Origin.ofLine(file, lineNumber));
        }
        return null;
    }

    /** Fills {@link #line} with the next line, terminator stripped; {@code false} at the end of the input. */
    private boolean nextLine() throws IOException {
        lineLen = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk, 0, CHUNK);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    return any;
                }
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkLen && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            append(start, chunkPos - start);
            if (chunkPos < chunkLen) {
                chunkPos++; // the '\n'
                if (lineLen > 0 && line[lineLen - 1] == '\r') {
                    lineLen--;
                }
                return true;
            }
        }
    }

    private void append(int from, int count) {
        if (lineLen + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + count));
        }
        System.arraycopy(chunk, from, line, lineLen, count);
        lineLen += count;
    }

    private boolean isBlank() {
        for (int i = 0; i < lineLen; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (closeInput) {
            Inputs.closeQuietly(in);
        }
    }
}
