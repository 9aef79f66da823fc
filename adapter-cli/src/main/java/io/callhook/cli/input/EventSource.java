package io.callhook.cli.input;

import io.callhook.cli.input.Inputs.FileType;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * The items of all inputs, in argument order, read lazily: one file is open at a time and NDJSON and JSON arrays are
 * streamed. Close it (or the {@link #stream()}) to release the open file.
 */
public final class EventSource implements Iterator<InputItem>, Closeable {

    private static final int BUFFER = 64 * 1024;

    private final Deque<String> arguments;
    private final InputStream stdin;
    private final DeliveryDecoder decoder;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private ItemReader current;
    private InputItem next;
    private boolean stdinUsed;
    private boolean closed;

    /** Something still to read: a file to open, or a problem found while listing a folder. */
    private sealed interface Pending permits PendingFile, PendingProblem {
    }

    private record PendingFile(Path path, String name, boolean explicit) implements Pending {
    }

    private record PendingProblem(InputProblem problem) implements Pending {
    }

    EventSource(List<String> arguments, InputStream stdin, DeliveryDecoder decoder) {
        this.arguments = new ArrayDeque<>(arguments);
        this.stdin = stdin;
        this.decoder = decoder;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !closed) {
            if (current != null) {
                next = current.read();
                if (next == null) {
                    current.close();
                    current = null;
                }
            } else if (!pending.isEmpty()) {
                Pending item = pending.poll();
                if (item instanceof PendingProblem problem) {
                    next = problem.problem();
                } else if (item instanceof PendingFile file) {
                    open(file);
                }
            } else if (!arguments.isEmpty()) {
                expand(arguments.poll());
            } else {
                return false;
            }
        }
        return next != null;
    }

    @Override
    public InputItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        InputItem item = next;
        next = null;
        return item;
    }

    /** The remaining items as a sequential stream; closing the stream closes this source. */
    public Stream<InputItem> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    public void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void expand(String argument) {
        if (argument.equals(EventReader.STDIN_ARGUMENT)) {
            openStdin();
            return;
        }
        Path path = Paths.get(argument);
        if (Files.isDirectory(path)) {
            List<Pending> found = new ArrayList<>();
            walk(path, found, new HashSet<>());
            pending.addAll(found);
        } else {
            pending.add(new PendingFile(path, argument, true));
        }
    }

    /** Depth first, entries of each folder sorted by name; hidden entries and unknown extensions are skipped. */
    private void walk(Path folder, List<Pending> found, Set<Path> visited) {
        try {
            if (!visited.add(folder.toRealPath())) {
                return; // a link back into a folder we are already reading
            }
        } catch (IOException e) {
            found.add(new PendingProblem(new InputProblem(Origin.ofFile(folder.toString()),
                    "could not read folder: " + JsonMessages.ioReason(e))));
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            children.forEach(entries::add);
        } catch (IOException e) {
            found.add(new PendingProblem(new InputProblem(Origin.ofFile(folder.toString()),
                    "could not list folder: " + JsonMessages.ioReason(e))));
            return;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                walk(entry, found, visited);
            } else if (Inputs.typeOf(name).isPresent() && Files.isRegularFile(entry)) {
                found.add(new PendingFile(entry, entry.toString(), false));
            }
        }
    }

    private void open(PendingFile file) {
        Optional<FileType> type = Inputs.typeOf(file.path().getFileName() == null ? file.name()
                : file.path().getFileName().toString());
        if (type.isEmpty()) {
            next = new InputProblem(Origin.ofFile(file.name()),
                    "unknown file type: expected " + Inputs.KNOWN_EXTENSIONS);
            return;
        }
        if (!Files.exists(file.path())) {
            next = new InputProblem(Origin.ofFile(file.name()), "no such file or folder");
            return;
        }
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file.path()), BUFFER);
            if (type.get().gzip()) {
                // not wrapped in a BufferedInputStream: its read loop would drop the data decompressed before a
                // truncation; the readers buffer themselves
                in = new GZIPInputStream(in, BUFFER);
            }
        } catch (IOException e) {
            if (in != null) {
                Inputs.closeQuietly(in);
            }
            next = new InputProblem(Origin.ofFile(file.name()), "could not read: " + JsonMessages.ioReason(e));
            return;
        }
        current = type.get().format() == Inputs.Format.JSON
                ? new JsonReader(in, file.name(), decoder, true)
                : new NdjsonReader(in, file.name(), decoder, true);
    }

    /**
     * Looks at the first non-blank character to choose the reader; the bytes looked at are replayed in front of the
     * rest of stdin, so line numbers and exact bytes are unaffected.
     */
    private void openStdin() {
        String name = EventReader.STDIN_NAME;
        if (stdinUsed) {
            next = new InputProblem(Origin.ofFile(name), "stdin can be read only once; the repeated - is ignored");
            return;
        }
        stdinUsed = true;
        InputStream in = new BufferedInputStream(stdin, BUFFER);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            int first = skipBlank(in, seen);
            if (first < 0) {
                return; // empty stdin: nothing to replay
            }
            if (first == '[') {
                current = new JsonReader(replay(seen, in), name, decoder, false);
            } else if (first == '{') {
                int lineStart = seen.size() - 1;
                readRestOfLine(in, seen);
                byte[] firstLine = trimLine(seen.toByteArray(), lineStart);
                boolean ndjson = decoder.isCompleteObject(firstLine);
                InputStream all = replay(seen, in);
                current = ndjson ? new NdjsonReader(all, name, decoder, false) : new JsonReader(all, name, decoder, false);
            } else {
                next = new InputProblem(Origin.ofFile(name),
                        "expected a JSON object, an array of objects or NDJSON, found '" + (char) first + "'");
            }
        } catch (IOException e) {
            next = new InputProblem(Origin.ofFile(name), "could not read: " + JsonMessages.ioReason(e));
        }
    }

    private static int skipBlank(InputStream in, ByteArrayOutputStream seen) throws IOException {
        int b;
        do {
            b = in.read();
            if (b >= 0) {
                seen.write(b);
            }
        } while (b == ' ' || b == '\t' || b == '\r' || b == '\n');
        return b;
    }

    private static void readRestOfLine(InputStream in, ByteArrayOutputStream seen) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            seen.write(b);
            if (b == '\n') {
                return;
            }
        }
    }

    private static byte[] trimLine(byte[] bytes, int from) {
        int to = bytes.length;
        while (to > from && (bytes[to - 1] == '\n' || bytes[to - 1] == '\r')) {
            to--;
        }
        byte[] line = new byte[to - from];
        System.arraycopy(bytes, from, line, 0, line.length);
        return line;
    }

    private static InputStream replay(ByteArrayOutputStream seen, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(seen.toByteArray()), rest);
    }
}
