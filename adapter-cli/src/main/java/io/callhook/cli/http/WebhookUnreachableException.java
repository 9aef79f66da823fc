package io.callhook.cli.http;

import java.io.IOException;

/**
 * The callhook server could not be reached: connection refused, unknown host, no answer in time. Infrastructure, not
 * a verdict on the event: the CLI answers it with exit code 3 ("try again later").
 */
public final class WebhookUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    public WebhookUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
