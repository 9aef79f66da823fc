package io.callhook.cli.load;

import java.util.Objects;

/** One pre-generated, pre-signed webhook delivery: the exact body bytes and their {@code x-retell-signature}. */
public record SignedDelivery(byte[] body, String signature) {

    public SignedDelivery {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
    }
}
