package io.callhook.http.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API method that also accepts a single-use stream ticket ({@code ?ticket=}) instead of the bearer header,
 * for browsers' {@code EventSource}, which cannot send headers. {@link ApiAuthentication} puts the ticket filter in
 * front of it instead of the token filter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TicketAccepted {
}
