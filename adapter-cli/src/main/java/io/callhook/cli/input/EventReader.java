package io.callhook.cli.input;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Turns command-line arguments (files, folders, {@code -} for stdin) into a lazily read {@link EventSource}.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@code .json}: one event object, an array of them, or several objects one after another;</li>
 *   <li>{@code .ndjson} / {@code .jsonl}: one event per non-blank line;</li>
 *   <li>any of these with {@code .gz} appended is read through gzip;</li>
 *   <li>a folder is read recursively, entries sorted by name, depth first; inside folders only files with the
 *       extensions above are read (others, and names starting with a dot, are skipped); a file named explicitly with
 *       another extension is reported as a problem;</li>
 *   <li>{@code -} reads stdin, recognised by its first non-blank character: {@code [} an array, {@code {} NDJSON when
 *       the first line is a complete object, otherwise one (pretty-printed) object or several in a row.</li>
 * </ul>
 * Each object is either a plain webhook body or a recorded delivery with its original signature header, see
 * {@link RecordedEvent}.
 */
public final class EventReader {

    /** The argument that means "read standard input". */
    public static final String STDIN_ARGUMENT = "-";
    /** How stdin is named in {@link Origin}s. */
    public static final String STDIN_NAME = "<stdin>";

    private final InputStream stdin;

    /** @param stdin what {@code -} reads (not closed by the reader) */
    public EventReader(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** Opens the arguments in order; nothing is read until the source is iterated. */
    public EventSource open(List<String> arguments) {
        return new EventSource(arguments, stdin, new DeliveryDecoder());
    }

    /** The extensions read from folders, for help texts. */
    public static String knownExtensions() {
        return Inputs.KNOWN_EXTENSIONS;
    }
}
