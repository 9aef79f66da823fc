package io.callhook.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@code .json} input: one object (its body is the whole file, byte for byte, so a signature over the stored file
 * still verifies), an array of objects (each body is the element's exact bytes, cut from the input by the streaming
 * parser's byte offsets), or several objects one after another (read like NDJSON).
 *
 * <p>Array elements are streamed, so a large array does not have to fit in memory. Invalid JSON cannot be resynchronised,
 * so the first syntax error is reported with its line and column and the rest of that file is skipped.
 */
final class JsonReader implements ItemReader {

    private enum State { START, ARRAY, OBJECTS, DONE }

    private final RetainingInputStream in;
    private final String file;
    private final DeliveryDecoder decoder;
    private final boolean closeInput;
    private JsonParser parser;
    private State state = State.START;
    private int nextIndex;
    private JsonToken peeked;
    private Origin current;

    JsonReader(InputStream in, String file, DeliveryDecoder decoder, boolean closeInput) {
        this.in = new RetainingInputStream(in);
        this.file = file;
        this.decoder = decoder;
        this.closeInput = closeInput;
    }

    @Override
    public InputItem read() {
        try {
            switch (state) {
                case START:
                    return readFirst();
                case ARRAY:
                    return readElement();
                case OBJECTS:
                    return readNextObject();
                default:
                    return null;
            }
        } catch (JsonProcessingException e) {
            state = State.DONE;
            return new InputProblem(problemOrigin(),
                    JsonMessages.invalidJson(e, true) + "; the rest of this file is skipped");
        } catch (IOException e) {
            state = State.DONE;
            return new InputProblem(problemOrigin(),
                    "could not read: " + JsonMessages.ioReason(e) + "; the rest of this file is skipped");
        }
    }

    private InputItem readFirst() throws IOException {
        parser = decoder.mapper().createParser(in);
        JsonToken token = parser.nextToken();
        if (token == null) {
            state = State.DONE;
            return new InputProblem(Origin.ofFile(file), "empty input: expected a JSON object or an array of objects");
        }
        if (token == JsonToken.START_ARRAY) {
            state = State.ARRAY;
            return readElement();
        }
        if (token != JsonToken.START_OBJECT) {
            state = State.DONE;
            return new InputProblem(Origin.ofFile(file),
                    "expected a JSON object or an array of objects, found " + JsonMessages.describe(token));
        }
        int line = parser.currentTokenLocation().getLineNr();
        current = Origin.ofLine(file, line);
        long start = startOffset();
        JsonNode node = parser.readValueAsTree();
        long end = endOffset();
        JsonToken next = parser.nextToken();
        if (next == null) {
            // the only value: its body is the whole input, whitespace and final newline included
            state = State.DONE;
            return decoder.fromTree(node, in.allRead(), Origin.ofFile(file));
        }
        state = State.OBJECTS;
        peeked = next;
        byte[] raw = in.slice(start, end);
        in.discardBefore(end);
        return decoder.fromTree(node, raw, current);
    }

    private InputItem readElement() throws IOException {
        JsonToken token = parser.nextToken();
        int index = nextIndex;
        JsonLocation location = parser.currentTokenLocation();
        current = Origin.ofElement(file, Math.max(0, location.getLineNr()), index);
        if (token == JsonToken.END_ARRAY) {
            state = State.DONE;
            JsonToken after = parser.nextToken();
            if (after != null) {
                return new InputProblem(Origin.ofLine(file, Math.max(0, parser.currentTokenLocation().getLineNr())),
                        "unexpected " + JsonMessages.describe(after) + " after the end of the array; ignored");
            }
            return null;
        }
        nextIndex++;
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            in.discardBefore(endOffset());
            return new InputProblem(current, "expected a JSON object, found " + JsonMessages.describe(token));
        }
        long start = startOffset();
        JsonNode node = parser.readValueAsTree();
        long end = endOffset();
        byte[] raw = in.slice(start, end);
        in.discardBefore(end);
        return decoder.fromTree(node, raw, current);
    }

    private InputItem readNextObject() throws IOException {
        JsonToken token = peeked != null ? peeked : parser.nextToken();
        peeked = null;
        if (token == null) {
            state = State.DONE;
            return null;
        }
        current = Origin.ofLine(file, Math.max(0, parser.currentTokenLocation().getLineNr()));
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            in.discardBefore(endOffset());
            return new InputProblem(current, "expected a JSON object, found " + JsonMessages.describe(token));
        }
        long start = startOffset();
        JsonNode node = parser.readValueAsTree();
        long end = endOffset();
        byte[] raw = in.slice(start, end);
        in.discardBefore(end);
        return decoder.fromTree(node, raw, current);
    }

    private long startOffset() throws JsonProcessingException {
        long offset = parser.currentTokenLocation().getByteOffset();
        if (offset < 0) {
            throw new UnsupportedEncoding(parser);
        }
        return offset;
    }

    /** Just past the current token, which is the value's last one ({@code }}, {@code ]} or a scalar). */
    private long endOffset() {
        return parser.currentLocation().getByteOffset();
    }

    private Origin problemOrigin() {
        return current != null ? current : Origin.ofFile(file);
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // closing a reader we are done with
            }
        }
        if (closeInput) {
            Inputs.closeQuietly(in);
        }
    }

    /** Byte offsets exist only for UTF-8 input; Retell sends UTF-8. */
    private static final class UnsupportedEncoding extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        UnsupportedEncoding(JsonParser parser) {
            super("only UTF-8 input is supported", parser.currentLocation());
        }
    }
}
