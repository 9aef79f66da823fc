package io.callhook.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one whole body, byte for byte, for {@code sign} and {@code send}: a file, or stdin for {@code -}. */
public final class RawBodies {

    private RawBodies() {
    }

    /**
     * The exact bytes of {@code argument}.
     *
     * @throws UnreadableInputException naming the file and why, e.g. {@code calls.json: no such file or folder}
     */
    public static byte[] read(String argument, InputStream stdin) throws UnreadableInputException {
        try {
            if (argument.equals(EventReader.STDIN_ARGUMENT)) {
                return stdin.readAllBytes();
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                throw new UnreadableInputException(argument + ": is a folder, expected a file");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            String name = argument.equals(EventReader.STDIN_ARGUMENT) ? EventReader.STDIN_NAME : argument;
            throw new UnreadableInputException(name + ": " + JsonMessages.ioReason(e));
        }
    }

    /** A body could not be read; the message names the file and is fit for an operator. */
    public static final class UnreadableInputException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableInputException(String message) {
            super(message);
        }
    }
}
