package io.callhook.core.port.out;

/**
 * The store could not complete a unit of work (database down, connection lost, retries exhausted). Nothing of that unit
 * of work was recorded. Adapters answer it with "try again later" (HTTP 503, CLI exit code 3), never with success.
 */
public class PersistenceUnavailableException extends RuntimeException {

    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
