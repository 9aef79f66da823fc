package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callhook.db.DatabaseSettings;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the PostgreSQL database is, and the connection pool in front of it.
 *
 * <p>A JDBC {@code url} with {@code user}/{@code password} ({@code CALLHOOK_DATABASE_URL}, {@code CALLHOOK_DATABASE_USER},
 * {@code CALLHOOK_DATABASE_PASSWORD}) selects an external server; with no URL an embedded PostgreSQL runs inside the
 * server process, keeping its files in {@code embeddedDataDir} ({@code CALLHOOK_EMBEDDED_DATA_DIR}, default
 * {@code ./var/pgdata}) and listening on {@code embeddedPort} ({@code CALLHOOK_EMBEDDED_PORT}, 0 = any free port). These
 * are the same variables the CLI reads, so both find the same database. Blank values mean "not set".
 *
 * <p>The pool is deliberately short on patience: a webhook must be answered well inside Retell's 10 seconds, so a
 * database that cannot be reached (or a pool that stays exhausted) fails a request within {@code connectTimeout} /
 * {@code maxWaitForConnection}, and the webhook answers 503 for Retell to retry.
 */
public class DatabaseFactory {

    private String url;
    private String user;
    private String password;
    private String embeddedDataDir;

    @Min(0)
    @Max(65535)
    private int embeddedPort;

    @Min(1)
    @Max(1000)
    private int poolSize = 16;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration connectTimeout = Duration.seconds(3);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration maxWaitForConnection = Duration.seconds(2);

    @JsonProperty
    public Optional<String> getUrl() {
        return blankToEmpty(url);
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public Optional<String> getUser() {
        return blankToEmpty(user);
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public Optional<String> getPassword() {
        return blankToEmpty(password);
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public Optional<String> getEmbeddedDataDir() {
        return blankToEmpty(embeddedDataDir);
    }

    @JsonProperty
    public void setEmbeddedDataDir(String embeddedDataDir) {
        this.embeddedDataDir = embeddedDataDir;
    }

    @JsonProperty
    public int getEmbeddedPort() {
        return embeddedPort;
    }

    @JsonProperty
    public void setEmbeddedPort(int embeddedPort) {
        this.embeddedPort = embeddedPort;
    }

    /** Most connections the server holds open at once. */
    @JsonProperty
    public int getPoolSize() {
        return poolSize;
    }

    @JsonProperty
    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** How long opening one connection may take before the attempt counts as "database unavailable". */
    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** How long a request waits for a free pooled connection before it is answered 503. */
    @JsonProperty
    public Duration getMaxWaitForConnection() {
        return maxWaitForConnection;
    }

    @JsonProperty
    public void setMaxWaitForConnection(Duration maxWaitForConnection) {
        this.maxWaitForConnection = maxWaitForConnection;
    }

    /** Lets {@code check} refuse a URL the PostgreSQL adapter would refuse at start-up. */
    @JsonIgnore
    @ValidationMethod(message = "url must be a PostgreSQL JDBC URL: jdbc:postgresql://host:port/database")
    public boolean isPostgresUrlOrEmpty() {
        return getUrl().map(u -> u.startsWith("jdbc:postgresql:")).orElse(true);
    }

    /** Whether no external database is configured, so the embedded one is used. */
    public boolean isEmbedded() {
        return getUrl().isEmpty();
    }

    /**
     * The PostgreSQL adapter's view of this configuration.
     *
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     */
    public DatabaseSettings toSettings() {
        Path dataDirectory = getEmbeddedDataDir().map(Path::of)
                .orElse(DatabaseSettings.DEFAULT_EMBEDDED_DATA_DIRECTORY);
        return new DatabaseSettings(getUrl().orElse(null), getUser().orElse(null), getPassword().orElse(null),
                dataDirectory, embeddedPort);
    }

    /**
     * The pool for a database at {@code jdbcUrl}. It is built so that a server can start while the database is down
     * (the initial connections may fail) and every borrowed connection is known to be alive (validated at most every
     * few seconds, so the check costs nothing on a busy server).
     */
    public DataSourceFactory poolFor(String jdbcUrl, String poolUser, String poolPassword) {
        DataSourceFactory pool = new DataSourceFactory();
        pool.setDriverClass("org.postgresql.Driver");
        pool.setUrl(jdbcUrl);
        pool.setUser(poolUser);
        pool.setPassword(poolPassword);
        int idle = Math.min(4, poolSize);
        pool.setInitialSize(idle);
        pool.setMinSize(idle);
        pool.setMaxSize(poolSize);
        pool.setIgnoreExceptionOnPreLoad(true);
        pool.setMaxWaitForConnection(maxWaitForConnection);
        pool.setValidationQuery("SELECT 1");
        pool.setValidationQueryTimeout(Duration.seconds(2));
        pool.setCheckConnectionOnBorrow(true);
        pool.setValidationInterval(Duration.seconds(5));
        pool.setAutoCommentsEnabled(false);
        // set once when a physical connection opens; TransactionRunner relies on it instead of paying for a level
        // check around every transaction
        pool.setDefaultTransactionIsolation(DataSourceFactory.TransactionIsolation.READ_COMMITTED);
        long connectSeconds = Math.max(1, connectTimeout.toSeconds());
        pool.setProperties(Map.of(
                "ApplicationName", "callhook",
                "connectTimeout", Long.toString(connectSeconds),
                "loginTimeout", Long.toString(connectSeconds),
                "tcpKeepAlive", "true"));
        return pool;
    }

    private static Optional<String> blankToEmpty(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "DatabaseFactory{url=" + getUrl().map(u -> u.replaceAll("(?i)(password=)[^&;]*", "$1***"))
                .orElse("<embedded>") + ", user=" + getUser().orElse("<none>")
                + ", password=" + (getPassword().isPresent() ? "<set>" : "<none>")
                + ", embeddedDataDir=" + getEmbeddedDataDir().orElse("<default>")
                + ", embeddedPort=" + embeddedPort + ", poolSize=" + poolSize + "}";
    }
}
