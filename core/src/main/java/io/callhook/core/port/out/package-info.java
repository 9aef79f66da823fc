/**
 * Outbound ports: what callhook needs from a store. One repository per aggregate with intention-level operations, and a
 * {@link io.callhook.core.port.out.UnitOfWork} that makes each event (or batch) one atomic transaction. Locks are taken
 * in the fixed order call → contact → campaign so that concurrent deliveries cannot deadlock one another.
 */
package io.callhook.core.port.out;
