/** {@code POST /webhooks/retell}: raw bytes, signature, ingestion, and the one table of answers. */
package io.callhook.http.webhook;
