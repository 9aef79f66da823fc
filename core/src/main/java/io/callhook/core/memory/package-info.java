/**
 * An in-memory implementation of the outbound ports ({@link io.callhook.core.memory.InMemoryStore}): thread-safe,
 * atomic per unit of work, and verified by the same contract suite as the PostgreSQL adapter.
 */
package io.callhook.core.memory;
