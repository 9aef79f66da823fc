package io.callhook.cli.setup;

/**
 * A set-up file is invalid or was refused: the message names the file and the place in it — the JSON path
 * ({@code setup.json: organizations[0].campaigns[1].calling_window.zone: must be an IANA time zone}) or the CSV line
 * ({@code contacts.csv:7: phone_number: must be a phone number in E.164 form}). Nothing was imported.
 */
public final class SetupException extends Exception {

    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }

    /** {@code file: where: message}. */
    public static SetupException at(String file, String where, String message) {
        return new SetupException(file + ": " + (where == null || where.isEmpty() ? "" : where + ": ") + message);
    }
}
