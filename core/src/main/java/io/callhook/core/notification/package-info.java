/** Notifications of an organisation's users about inbound calls: exactly one per user and call. */
package io.callhook.core.notification;
