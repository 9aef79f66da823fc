/** Validated configuration factories and the bundled default configuration with environment substitution. */
package io.callhook.http.config;
