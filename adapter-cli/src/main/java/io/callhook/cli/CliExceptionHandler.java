package io.callhook.cli;

import io.callhook.cli.http.WebhookUnreachableException;
import io.callhook.core.port.out.PersistenceUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps an exception escaping a command to one line on stderr and an exit code: {@link ExitCodes#UNAVAILABLE} for
 * broken infrastructure (database or server unreachable), {@link ExitCodes#SOME_EVENTS_FAILED} otherwise. Never a stack
 * trace or a class name: the readers are support staff.
 */
public final class CliExceptionHandler implements IExecutionExceptionHandler {

    /** {@code java.net.ConnectException: } and the like, which wrapped exceptions put in front of their messages. */
    private static final Pattern CLASS_NAME_PREFIX =
            Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:\\$[\\w$]+)*:\\s*");

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        String command = commandLine.getCommandSpec().qualifiedName();
        commandLine.getErr().println(command + ": " + describe(exception));
        commandLine.getErr().flush();
        return exitCode(exception);
    }

    /** {@link ExitCodes#UNAVAILABLE} when any cause is an infrastructure failure, else {@link ExitCodes#SOME_EVENTS_FAILED}. */
    public static int exitCode(Throwable exception) {
        return isInfrastructure(exception) ? ExitCodes.UNAVAILABLE : ExitCodes.SOME_EVENTS_FAILED;
    }

    /** Whether the exception (or a cause) says the database or the server could not be reached. */
    public static boolean isInfrastructure(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PersistenceUnavailableException
                    || t instanceof WebhookUnreachableException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof HttpTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
        }
        return false;
    }

    /** A one-line message for an operator. */
    public static String describe(Throwable exception) {
        if (exception instanceof PersistenceUnavailableException) {
            return "could not reach the database: " + message(exception, "unavailable");
        }
        if (exception instanceof WebhookUnreachableException) {
            return message(exception, "could not reach the server");
        }
        if (isInfrastructure(exception)) {
            Throwable root = exception;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof ConnectException) {
                return "could not connect: " + message(root, "connection refused");
            }
            if (root instanceof UnknownHostException) {
                return "unknown host: " + message(root, "?");
            }
            return "could not reach the database or the server: " + message(exception, "unavailable");
        }
        if (exception instanceof InterruptedException) {
            return "interrupted";
        }
        return message(exception, "unexpected error (" + simpleKind(exception) + ")");
    }

    /** The first usable message along the cause chain, stripped of class names, on one line. */
    private static String message(Throwable exception, String fallback) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            String cleaned = message;
            String previous;
            do {
                previous = cleaned;
                cleaned = CLASS_NAME_PREFIX.matcher(cleaned).replaceFirst("");
            } while (!cleaned.equals(previous));
            cleaned = cleaned.lines().findFirst().orElse("").strip();
            if (!cleaned.isEmpty()) {
                return cleaned;
            }
        }
        return fallback;
    }

    /** {@code NullPointerException} → {@code null pointer}: a hint for a bug report without a class name. */
    private static String simpleKind(Throwable exception) {
        String name = exception.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
