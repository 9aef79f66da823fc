/**
 * The API's JSON: views of the domain (records with snake_case names; the mapping from core's types lives here, not in
 * core), request bodies, lists as {@link io.callhook.http.api.ListView}, plus what guards every request under
 * {@code /api}: bearer-token authentication, the body limit and CORS.
 */
package io.callhook.http.api;
