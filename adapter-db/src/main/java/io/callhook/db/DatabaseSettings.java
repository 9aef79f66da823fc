package io.callhook.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where callhook keeps its data: an external PostgreSQL server when {@code url} is set, otherwise an embedded
 * PostgreSQL whose files live in {@code embeddedDataDirectory} and survive restarts.
 *
 * @param url                   JDBC URL ({@code jdbc:postgresql://...}); {@code null} or blank selects the embedded server
 * @param user                  user for {@code url}; may be {@code null} (the driver then takes it from the URL)
 * @param password              password for {@code url}; may be {@code null}
 * @param embeddedDataDirectory folder of the embedded server's cluster; created on first start, never wiped
 * @param embeddedPort          port of the embedded server, {@code 0} picks a free one on each start
 */
public record DatabaseSettings(String url, String user, String password, Path embeddedDataDirectory, int embeddedPort) {

    public static final String URL_VARIABLE = "CALLHOOK_DATABASE_URL";
    public static final String USER_VARIABLE = "CALLHOOK_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "CALLHOOK_DATABASE_PASSWORD";
    public static final String EMBEDDED_DATA_DIR_VARIABLE = "CALLHOOK_EMBEDDED_DATA_DIR";
    public static final String EMBEDDED_PORT_VARIABLE = "CALLHOOK_EMBEDDED_PORT";

    public static final Path DEFAULT_EMBEDDED_DATA_DIRECTORY = Path.of("var", "pgdata");
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public DatabaseSettings {
        url = blankToNull(url);
        user = blankToNull(user);
        password = emptyToNull(password);
        Objects.requireNonNull(embeddedDataDirectory, "embeddedDataDirectory");
        if (url != null && !url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("database url must start with '" + JDBC_PREFIX + "', was '" + url + "'");
        }
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("embeddedPort must be between 0 and 65535, was " + embeddedPort);
        }
    }

    /** An embedded server in {@code dataDirectory} on a free port. */
    public static DatabaseSettings embedded(Path dataDirectory) {
        return new DatabaseSettings(null, null, null, dataDirectory, 0);
    }

    /** An external server. */
    public static DatabaseSettings external(String url, String user, String password) {
        return new DatabaseSettings(Objects.requireNonNull(url, "url"), user, password, DEFAULT_EMBEDDED_DATA_DIRECTORY, 0);
    }

    /** Reads the {@code CALLHOOK_*} variables of this process. */
    public static DatabaseSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads {@value #URL_VARIABLE}, {@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE},
     * {@value #EMBEDDED_DATA_DIR_VARIABLE} (default {@code ./var/pgdata}) and {@value #EMBEDDED_PORT_VARIABLE}
     * (default {@code 0}). Blank values count as absent.
     *
     * @throws IllegalArgumentException naming the variable, when a value is malformed
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String url = blankToNull(env.get(URL_VARIABLE));
        if (url != null && !url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException(
                    URL_VARIABLE + " must be a PostgreSQL JDBC URL starting with '" + JDBC_PREFIX + "', was '" + url + "'");
        }
        String dataDir = blankToNull(env.get(EMBEDDED_DATA_DIR_VARIABLE));
        Path dataDirectory;
        try {
            dataDirectory = dataDir == null ? DEFAULT_EMBEDDED_DATA_DIRECTORY : Path.of(dataDir);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    EMBEDDED_DATA_DIR_VARIABLE + " is not a valid path: '" + dataDir + "' (" + e.getMessage() + ")", e);
        }
        return new DatabaseSettings(url, env.get(USER_VARIABLE), env.get(PASSWORD_VARIABLE), dataDirectory,
                parsePort(env.get(EMBEDDED_PORT_VARIABLE)));
    }

    private static int parsePort(String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the one message below
        }
        throw new IllegalArgumentException(EMBEDDED_PORT_VARIABLE
                + " must be a port number between 0 and 65535 (0 picks a free port), was '" + raw + "'");
    }

    /** True when no URL is configured, so callhook runs its own PostgreSQL. */
    public boolean usesEmbedded() {
        return url == null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return usesEmbedded()
                ? "DatabaseSettings[embedded, dataDirectory=" + embeddedDataDirectory + ", port=" + embeddedPort + "]"
                : "DatabaseSettings[url=" + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user + ", password=" + (password == null ? "<none>" : "***") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
