/**
 * The callhook server: a Dropwizard application and its composition root ({@link io.callhook.http.CallhookApplication}).
 *
 * <ul>
 *   <li>{@code webhook}: {@code POST /webhooks/retell}, signature check, outcome → answer, webhook metrics;</li>
 *   <li>{@code api}: the read API under {@code /api}: bearer token, CORS;</li>
 *   <li>{@code errors}: every error as {@code {"error","message"}};</li>
 *   <li>{@code ops}: health checks and the Prometheus endpoint on the admin port;</li>
 *   <li>{@code config}: the nested configuration factories and the bundled default configuration.</li>
 * </ul>
 */
package io.callhook.http;
