package io.callhook.db;

import java.util.Objects;

/**
 * One line of {@code db status}: a migration and whether it is applied.
 *
 * @param version     e.g. {@code "1"}; empty for repeatable migrations
 * @param description e.g. {@code "directory"}
 * @param state       Flyway's display name: {@code "Success"}, {@code "Pending"}, {@code "Failed"}, ...
 */
public record MigrationStatus(String version, String description, String state) {

    public MigrationStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
    }

    public boolean isSuccess() {
        return "Success".equals(state);
    }

    public boolean isPending() {
        return "Pending".equals(state);
    }
}
