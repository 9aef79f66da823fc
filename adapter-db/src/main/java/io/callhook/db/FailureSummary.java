package io.callhook.db;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A failure described for a log line or a health check without its messages. JDBI writes the bound values of a failed
 * statement (phone numbers, transcripts, names) into its exception's message, PostgreSQL quotes the offending value in
 * many of its own ({@code invalid input syntax for type uuid: "…"}, a unique key's {@code Detail}), and the SQL text
 * comes along too. So only what cannot carry personal data is kept: the exception classes along the cause chain, the
 * SQLState with its class, and where in callhook's own code it happened.
 *
 * <p>Example: {@code UnableToExecuteStatementException <- PSQLException [SQLState 22021: data exception] at
 * io.callhook.db.store.PostgresCallRepository.save(PostgresCallRepository.java:121)}.
 */
public final class FailureSummary {

    private static final int FRAMES = 4;

    private FailureSummary() {
    }

    public static String of(Throwable failure) {
        if (failure == null) {
            return "no failure";
        }
        StringJoiner chain = new StringJoiner(" <- ");
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = failure; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            chain.add(t.getClass().getSimpleName());
        }
        StringBuilder summary = new StringBuilder(chain.toString());
        String state = SqlFailures.sqlState(failure);
        if (state != null) {
            summary.append(" [SQLState ").append(state).append(": ").append(describe(state)).append(']');
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.callhook.") && frames.size() < FRAMES) {
                frames.add(frame.toString());
            }
        }
        if (!frames.isEmpty()) {
            summary.append(" at ").append(String.join(" < ", frames));
        }
        return summary.toString();
    }

    /** The SQLState's class, as PostgreSQL's appendix A names it. */
    static String describe(String state) {
        return switch (state.length() < 2 ? "" : state.substring(0, 2)) {
            case "08" -> "connection exception";
            case "22" -> "data exception";
            case "23" -> "integrity constraint violation";
            case "25" -> "invalid transaction state";
            case "28" -> "invalid authorization";
            case "40" -> "transaction rollback";
            case "42" -> "syntax error or access rule violation";
            case "53" -> "insufficient resources";
            case "54" -> "program limit exceeded";
            case "57" -> "operator intervention";
            case "58" -> "system error";
            case "XX" -> "internal error";
            default -> "other";
        };
    }
}
