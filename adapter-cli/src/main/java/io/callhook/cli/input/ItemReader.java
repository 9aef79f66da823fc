package io.callhook.cli.input;

import java.io.Closeable;

/**
 * Reads the items of one input (a file or stdin), one at a time. Never throws for bad input: a problem is returned as
 * an {@link InputProblem}, and a reader that cannot go on after it returns {@code null} from then on.
 */
interface ItemReader extends Closeable {

    /** The next item, or {@code null} when this input has no more. */
    InputItem read();

    /** Releases the underlying stream; never throws. */
    @Override
    void close();
}
