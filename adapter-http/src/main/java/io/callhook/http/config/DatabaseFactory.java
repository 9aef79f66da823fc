package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Where the PostgreSQL database is: a JDBC {@code url} with {@code user}/{@code password}
 * ({@code CALLHOOK_DATABASE_URL}, {@code CALLHOOK_DATABASE_USER}, {@code CALLHOOK_DATABASE_PASSWORD}), or, with no URL,
 * an embedded PostgreSQL keeping its files in {@code embeddedDataDir} ({@code CALLHOOK_DATA_DIR}). The values are handed
 * to the PostgreSQL adapter as they are; blank means "not set".
 */
public class DatabaseFactory {

    private String url;
    private String user;
    private String password;
    private String embeddedDataDir;

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

    /** Whether no external database is configured, so the embedded one is used. */
    public boolean isEmbedded() {
        return getUrl().isEmpty();
    }

    private static Optional<String> blankToEmpty(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "DatabaseFactory{url=" + getUrl().orElse("<embedded>") + ", user=" + getUser().orElse("<none>")
                + ", password=" + (getPassword().isPresent() ? "<set>" : "<none>")
                + ", embeddedDataDir=" + getEmbeddedDataDir().orElse("<default>") + "}";
    }
}
