/** Error answers: every failure, from Jersey or Jetty, as a small {@code {"error","message"}} JSON body. */
package io.callhook.http.errors;
