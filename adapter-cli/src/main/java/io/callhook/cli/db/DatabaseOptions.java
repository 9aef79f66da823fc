package io.callhook.cli.db;

import io.callhook.cli.CliEnvironment;
import io.callhook.db.DatabaseSettings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --db-url}, {@code --db-user}, {@code --db-password}: which database a command works on. Without them the
 * server's settings apply ({@code CALLHOOK_DATABASE_URL}, {@code CALLHOOK_DATABASE_USER},
 * {@code CALLHOOK_DATABASE_PASSWORD}, else the embedded PostgreSQL in {@code CALLHOOK_EMBEDDED_DATA_DIR}).
 */
public final class DatabaseOptions {

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/callhook (add ?currentSchema=NAME"
                    + " for another schema). Default: " + DatabaseSettings.URL_VARIABLE + ", else the embedded PostgreSQL"
                    + " in " + DatabaseSettings.EMBEDDED_DATA_DIR_VARIABLE + " (default ./var/pgdata), as the server.")
    String url;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "Database user. Default: " + DatabaseSettings.USER_VARIABLE + ".")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "Database password; without a value it is asked for on the terminal. Default: "
                    + DatabaseSettings.PASSWORD_VARIABLE + " (preferred: options show in process lists and shell"
                    + " history). Never printed.")
    char[] password;

    /** Whether any {@code --db-*} option was given (they make no sense with {@code --url}). */
    public boolean anyGiven() {
        return url != null || user != null || password != null;
    }

    /**
     * The server's settings from the environment, with the options on top.
     *
     * @throws ParameterException for a malformed URL or variable (a usage error)
     */
    public DatabaseSettings settings(CliEnvironment environment, CommandLine commandLine) {
        Map<String, String> variables = new HashMap<>(environment.variables());
        if (url != null) {
            variables.put(DatabaseSettings.URL_VARIABLE, url);
        }
        if (user != null) {
            variables.put(DatabaseSettings.USER_VARIABLE, user);
        }
        if (password != null) {
            variables.put(DatabaseSettings.PASSWORD_VARIABLE, new String(password));
        }
        try {
            return DatabaseSettings.fromEnvironment(variables);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (url != null && message != null && message.startsWith(DatabaseSettings.URL_VARIABLE)) {
                message = "--db-url" + message.substring(DatabaseSettings.URL_VARIABLE.length());
            }
            throw new ParameterException(commandLine, CliDatabase.redact(message), e);
        }
    }
}
