/**
 * The read and management API under {@code /api}: resources that parse parameters and bodies, call the core use cases
 * and answer with the views of {@link io.callhook.http.api}. Command results are turned into answers in one place,
 * {@link io.callhook.http.resources.CommandAnswers}.
 */
package io.callhook.http.resources;
