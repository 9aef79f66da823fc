/**
 * What the live dashboard reads straight from PostgreSQL, outside the core's ports because it is about the database
 * itself: the activity log as an ordered, resumable feed ({@link io.callhook.db.live.ActivityFeed}), the
 * {@code LISTEN/NOTIFY} wake-up that tells every server process a new entry exists
 * ({@link io.callhook.db.live.ActivityWakeups}), single-use stream tickets ({@link io.callhook.db.live.StreamTickets})
 * and webhook health per minute ({@link io.callhook.db.live.WebhookHealthReader}). Everything is in the database, so a
 * ticket issued by one process is redeemed by another and every process streams the same events.
 */
package io.callhook.db.live;
