package io.callhook.cli;

/**
 * The exit codes of every {@code callhook} command, in one place, and the lines that document them in {@code --help}.
 */
public final class ExitCodes {

    /** Everything was applied, a duplicate or ignored (replay); the request was accepted (send); done (sign). */
    public static final int OK = 0;
    /** Some events were rejected or failed (replay); the server refused the request with a 4xx (send). */
    public static final int SOME_EVENTS_FAILED = 1;
    /** Invalid options or arguments, a missing API key, an unreadable file argument. */
    public static final int USAGE = 2;
    /** The database or the server could not be reached (or the server answered 5xx). Try again later. */
    public static final int UNAVAILABLE = 3;

    /** Heading of the exit-code section in {@code --help}. */
    public static final String HEADING = "%nExit codes:%n";

    /** {@code --help} lines for {@code callhook} and {@code callhook replay}. */
    public static final String REPLAY_OK = "0:all events were applied, duplicates or ignored";
    public static final String REPLAY_SOME_FAILED = "1:some events were rejected or failed (see the summary)";
    public static final String USAGE_LINE = "2:usage error: invalid options or arguments, missing API key";
    public static final String UNAVAILABLE_LINE = "3:could not reach the database or the server (try again later)";

    /** {@code --help} lines for {@code callhook sign}. */
    public static final String SIGN_OK = "0:the signature was printed";

    /** {@code --help} lines for {@code callhook send}. */
    public static final String SEND_OK = "0:the server answered 2xx";
    public static final String SEND_REFUSED = "1:the server refused the request (4xx or another non-2xx answer)";
    public static final String SEND_UNAVAILABLE = "3:could not connect, no answer in time, or the server answered 5xx";

    /** {@code --help} lines for {@code callhook import}. */
    public static final String IMPORT_OK = "0:everything was imported (or, with --dry-run, would be)";
    public static final String IMPORT_REFUSED = "1:the file is invalid or refused; nothing was imported";

    /** {@code --help} lines for {@code callhook load}. */
    public static final String LOAD_OK = "0:every measured delivery was answered 2xx";
    public static final String LOAD_SOME_FAILED = "1:some deliveries were answered otherwise or not at all, or none was"
            + " measured";

    /** {@code --help} lines for {@code callhook stats}. */
    public static final String STATS_OK = "0:the campaign's statistics were printed";
    public static final String STATS_NOT_FOUND = "1:there is no campaign with this id";

    /** {@code --help} lines for {@code callhook db}. */
    public static final String DB_OK = "0:the schema is up to date (status), or migrated (migrate)";
    public static final String DB_NOT_CURRENT = "1:migrations are pending or failed (status), or a migration failed";
    public static final String DATABASE_UNAVAILABLE_LINE = "3:could not reach the database (try again later)";

    private ExitCodes() {
    }

    /** 2xx → {@link #OK}, 5xx → {@link #UNAVAILABLE} (worth retrying), anything else → {@link #SOME_EVENTS_FAILED}. */
    public static int forHttpStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status >= 500 && status < 600) {
            return UNAVAILABLE;
        }
        return SOME_EVENTS_FAILED;
    }
}
