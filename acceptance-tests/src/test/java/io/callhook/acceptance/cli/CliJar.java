package io.callhook.acceptance.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's fat jar ({@code adapter-cli/target/callhook-cli.jar}) run as {@code java -jar callhook-cli.jar ...}, the
 * way support staff run it: no terminal attached (so progress comes as plain lines), nothing inherited from the
 * machine's {@code CALLHOOK_*} or {@code RETELL_*} variables, stdout and stderr captured separately.
 */
final class CliJar {

    /** Where the reactor builds the jar, seen from this module's directory (Maven runs tests there). */
    static final Path JAR = Path.of("..", "adapter-cli", "target", "callhook-cli.jar");

    private final Path workDirectory;
    private final Map<String, String> environment = new HashMap<>();

    CliJar(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** Whether the jar exists; the {@code @EnabledIf} condition of the tests that run it. */
    static boolean isBuilt() {
        return Files.isRegularFile(JAR);
    }

    /** Sets an environment variable of the processes started from now on. */
    CliJar env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code java -jar callhook-cli.jar args...} to its end (at most two minutes). */
    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = workDirectory.resolve("stdout-" + System.nanoTime() + ".txt");
        Path err = workDirectory.resolve("stderr-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CALLHOOK_") || name.startsWith("RETELL_"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("callhook " + String.join(" ", args) + " still runs after 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
