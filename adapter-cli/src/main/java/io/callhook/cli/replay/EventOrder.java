package io.callhook.cli.replay;

import java.util.Locale;

/** The order in which {@code callhook replay} applies events ({@code --order}). */
public enum EventOrder {
    /** As read: argument order, then position in each file. Streams; nothing is held in memory. */
    FILE,
    /** By event time, see {@link EventOrdering#byTimestamp}. Reads all events first. */
    TIMESTAMP,
    /** Random but reproducible with {@code --seed}, see {@link EventOrdering#shuffled}. Reads all events first. */
    SHUFFLE;

    /** Lower case, as typed on the command line and shown in completion candidates. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
