package io.callhook.db;

/**
 * Why applying an event failed, in words safe to store and show: the SQLState and its class, never the driver's
 * message (which may quote the values of the row, e.g. a phone number in a constraint violation).
 */
public final class FailureReasons {

    private FailureReasons() {
    }

    /** A short reason for {@code failure}, free of personal data. */
    public static String describe(RuntimeException failure) {
        String state = SqlFailures.sqlState(failure);
        if (state == null) {
            return "not a database error (a defect: see the server log of that time)";
        }
        String kind = switch (state.substring(0, 2)) {
            case "22" -> "a value the database cannot hold";
            case "23" -> "a constraint refused the change";
            case "40" -> "the transaction was rolled back";
            case "53", "54" -> "a database resource limit";
            case "55", "57" -> "a lock or statement timeout, or the server was shutting down";
            default -> "a database error";
        };
        return kind + " (SQLState " + state + ")";
    }
}
