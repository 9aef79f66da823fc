/** Operations: health checks and Prometheus metrics, served on the admin port. */
package io.callhook.http.ops;
