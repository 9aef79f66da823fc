package io.callhook.acceptance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server's fat jar ({@code adapter-http/target/callhook-server.jar}) run as a separate process, the way a newcomer
 * runs it: {@code java -jar callhook-server.jar <args>} with nothing but environment variables. The process inherits
 * no {@code CALLHOOK_*} or {@code RETELL_*} variable from the machine running the tests; its output goes to a file.
 */
public final class ServerJar {

    /** Where the reactor builds the jar, seen from this module's directory (Maven runs tests there). */
    public static final Path JAR = Path.of("..", "adapter-http", "target", "callhook-server.jar");

    private ServerJar() {
    }

    public static boolean isBuilt() {
        return Files.isRegularFile(JAR);
    }

    /** Starts {@code java -jar callhook-server.jar args...} in {@code workDirectory} with exactly these variables. */
    public static Running start(Path workDirectory, Map<String, String> environment, String... args) {
        Path log = workDirectory.resolve("callhook-server-" + String.join("-", args) + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())); // a restarted server adds to its log
        builder.environment().keySet().removeIf(name -> name.startsWith("CALLHOOK_") || name.startsWith("RETELL_"));
        builder.environment().putAll(environment);
        try {
            return new Running(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** A TCP port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A started server process and its output file. */
    public record Running(Process process, Path log) implements AutoCloseable {

        /** Everything the process printed so far. */
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }

        /** Waits for the process to end by itself; returns its exit code. */
        public int waitForExit(long seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Asks the process to stop (SIGTERM, so shutdown hooks run) and waits for it; returns its exit code. */
        public int stop(long seconds) {
            process.destroy();
            return waitForExit(seconds);
        }

        /** Stops the process for good if it still runs (test clean-up). */
        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            // its children (the embedded PostgreSQL) would outlive a killed server; remember them first
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
