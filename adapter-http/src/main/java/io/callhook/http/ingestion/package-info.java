/**
 * Inbox-first ingestion in the server: the applier threads that apply accepted webhooks behind the acknowledgement,
 * their wake-up, metrics and health check.
 */
package io.callhook.http.ingestion;
