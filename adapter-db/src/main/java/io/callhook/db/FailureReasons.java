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
        // the SQLState's class names the kind of failure, as in every other failure callhook reports
        return FailureSummary.describe(state) + " (SQLState " + state + ")";
    }
}
