/**
 * Who is who: organisations, their users, agents (our id ↔ Retell {@code agent_id}) and phone numbers. Everything
 * else in callhook is attributed to an organisation through these records.
 */
package io.callhook.core.directory;
