package io.callhook.http.ops;

import com.codahale.metrics.health.HealthCheck;

/** {@code signing-key}: healthy when at least one Retell API key is configured to verify webhooks. */
public final class SigningKeyHealthCheck extends HealthCheck {

    /** Name under {@code /healthcheck} on the admin port. */
    public static final String NAME = "signing-key";

    private final int keyCount;

    public SigningKeyHealthCheck(int keyCount) {
        this.keyCount = keyCount;
    }

    @Override
    protected Result check() {
        if (keyCount == 0) {
            return Result.unhealthy("No Retell API key configured (set RETELL_API_KEY); webhooks are answered 503.");
        }
        return Result.healthy(keyCount == 1 ? "1 key configured" : keyCount + " keys configured (rotation)");
    }
}
