/**
 * PostgreSQL adapter of callhook: where the data lives ({@link io.callhook.db.DatabaseSettings},
 * {@link io.callhook.db.Database}, {@link io.callhook.db.EmbeddedPostgresServer}), how its schema evolves
 * ({@link io.callhook.db.DatabaseMigrator}, Flyway scripts in {@code db/migration}) and how a unit of work runs
 * ({@link io.callhook.db.TransactionRunner}). Depends on JDBI, the PostgreSQL driver, Flyway and zonky; never on Dropwizard.
 */
package io.callhook.db;
