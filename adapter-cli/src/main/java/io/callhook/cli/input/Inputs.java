package io.callhook.cli.input;

import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** File-name rules and small I/O helpers shared by the readers. */
final class Inputs {

    /** How the bytes of a file are laid out. */
    enum Format { JSON, NDJSON }

    /** A recognised file name: its format and whether it is gzip-compressed. */
    record FileType(Format format, boolean gzip) {
    }

    static final String KNOWN_EXTENSIONS = ".json, .ndjson, .jsonl (each optionally .gz)";

    private Inputs() {
    }

    /** {@code x.ndjson.gz} is gzip-compressed NDJSON; unknown names give nothing. */
    static Optional<FileType> typeOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        if (gzip) {
            name = name.substring(0, name.length() - ".gz".length());
        }
        if (name.endsWith(".json")) {
            return Optional.of(new FileType(Format.JSON, gzip));
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(new FileType(Format.NDJSON, gzip));
        }
        return Optional.empty();
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing useful to do: we were only reading
        }
    }
}
