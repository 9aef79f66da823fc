package io.callhook.cli.input;

import java.util.Objects;

/**
 * Where an input item came from, for messages that let support staff find it: {@code calls.ndjson:17} or
 * {@code batch.json[3]}.
 *
 * @param file  the path as given on the command line (or found under a given folder), {@code -} for stdin
 * @param line  1-based line where the item starts, or {@code 0} when unknown
 * @param index 0-based position in a JSON array, or {@code -1} when the item is not an array element
 */
public record Origin(String file, int line, int index) {

    /** Marker for "not an array element". */
    public static final int NO_INDEX = -1;

    public Origin {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (unknown) or positive: " + line);
        }
        if (index < NO_INDEX) {
            throw new IllegalArgumentException("index must be -1 (none) or non-negative: " + index);
        }
    }

    /** The whole file, no position within it. */
    public static Origin ofFile(String file) {
        return new Origin(file, 0, NO_INDEX);
    }

    /** A line of a line-oriented file. */
    public static Origin ofLine(String file, int line) {
        return new Origin(file, line, NO_INDEX);
    }

    /** An element of a JSON array, starting at {@code line}. */
    public static Origin ofElement(String file, int line, int index) {
        return new Origin(file, line, index);
    }

    /** {@code file[index]} for array elements, {@code file:line} for lines, else just {@code file}. */
    @Override
    public String toString() {
        if (index >= 0) {
            return file + "[" + index + "]";
        }
        if (line > 0) {
            return file + ":" + line;
        }
        return file;
    }
}
