/**
 * The outbound ports on PostgreSQL with JDBI: {@link io.callhook.db.store.PostgresUnitOfWork} runs each unit of work in
 * one transaction and hands it {@link io.callhook.db.store.PostgresStores}, whose repositories share that transaction's
 * handle. Schema: {@code db/migration/V2__calls_campaigns.sql}.
 *
 * <p>Concurrency is the database's job, so the ports' promises hold across processes: a call id is locked with a
 * transaction-scoped advisory lock (also before its row exists), contacts and campaigns with {@code FOR NO KEY UPDATE}
 * row locks (which, unlike {@code FOR UPDATE}, do not conflict with the foreign-key locks that writing a call or an
 * attempt takes, so two transactions saving calls of one campaign cannot deadlock on it), duplicates are refused by
 * unique keys and {@code ON CONFLICT}, and counters change by single-statement increments.
 */
package io.callhook.db.store;
