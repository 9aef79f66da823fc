package io.callhook.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands take from the process, passed in by hand so tests can replace it: environment variables, the
 * clock, stdin, and whether a human is watching a terminal.
 *
 * @param variables   environment variables (e.g. {@code RETELL_API_KEY})
 * @param clock       "now" for signing and for timing replays
 * @param stdin       what {@code -} reads
 * @param interactive whether a terminal is attached ({@code System.console() != null}): progress bar or plain lines
 * @param terminal    where the progress bar is drawn when interactive
 */
public record CliEnvironment(Map<String, String> variables, Clock clock, InputStream stdin, boolean interactive,
                             PrintStream terminal) {

    public CliEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(terminal, "terminal");
    }

    /** The real process: {@code System.getenv()}, the UTC system clock, {@code System.in}, {@code System.err}. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Clock.systemUTC(), System.in, System.console() != null, System.err);
    }

    /** An environment variable, if set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
