package io.callhook.cli;

import io.callhook.core.retell.RetellSigner;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --api-key} and {@code --at}, shared by the commands that sign. */
public final class SigningOptions {

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Retell API key to sign with. Default: the environment variable " + RetellKeys.ENVIRONMENT_VARIABLE
                    + " (the first key, if it lists several separated by commas). Prefer the variable: options are"
                    + " visible in process lists and shell history.")
    String apiKey;

    @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Signing time: epoch milliseconds or ISO-8601 (e.g. 2026-09-21T10:00:00Z). Default: now."
                    + " Retell's receivers accept signatures up to 5 minutes away from their clock.")
    Instant at;

    /** A signer for the first configured key; a usage error naming the variable when there is none. */
    public RetellSigner signer(CliEnvironment environment, CommandLine commandLine) {
        String key = RetellKeys.signingKey(apiKey, environment)
                .orElseThrow(() -> new ParameterException(commandLine, RetellKeys.missingKeyMessage()));
        return new RetellSigner(key);
    }

    /** {@code --at}, or now. */
    public Instant signingTime(CliEnvironment environment) {
        return at != null ? at : environment.clock().instant();
    }
}
