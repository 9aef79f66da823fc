package io.callhook.db;

import java.util.Optional;

/**
 * What {@link DatabaseMigrator#migrate} did.
 *
 * @param migrationsApplied how many migrations this run applied ({@code 0} when already up to date)
 * @param currentVersion    the schema version afterwards, e.g. {@code "1"}; empty when there are no migrations
 */
public record MigrationResult(int migrationsApplied, Optional<String> currentVersion) {

    public MigrationResult {
        if (migrationsApplied < 0) {
            throw new IllegalArgumentException("migrationsApplied must not be negative, was " + migrationsApplied);
        }
        currentVersion = currentVersion == null ? Optional.empty() : currentVersion;
    }
}
