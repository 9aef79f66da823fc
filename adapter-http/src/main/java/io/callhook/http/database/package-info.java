/**
 * The server's PostgreSQL: the database's lifecycle (embedded or external, pooled, migrated on start), its health
 * checks, the {@code db} command, and the use cases built on it.
 */
package io.callhook.http.database;
