/**
 * Outbound campaigns: campaign status and its legal transitions, progress counters that count each call exactly once,
 * contacts whose status derives from their attempts, the retry policy and the calling window.
 */
package io.callhook.core.campaign;
