/** The read API under {@code /api}: bearer-token authentication and CORS. */
package io.callhook.http.api;
