package io.callhook.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the Retell API key comes from: {@code --api-key}, else {@code RETELL_API_KEY}. Both may list several keys
 * separated by commas (key rotation: new first); signing uses the first, verifying accepts any. Keys are never printed.
 */
public final class RetellKeys {

    /** The environment variable holding the key(s). */
    public static final String ENVIRONMENT_VARIABLE = "RETELL_API_KEY";

    private RetellKeys() {
    }

    /** The keys in {@code --api-key} if given, else in {@code RETELL_API_KEY}; empty when neither has any. */
    public static List<String> resolve(String option, CliEnvironment environment) {
        if (option != null && !option.isBlank()) {
            return parse(option);
        }
        return environment.variable(ENVIRONMENT_VARIABLE).map(RetellKeys::parse).orElse(List.of());
    }

    /** The key to sign with: the first one. */
    public static Optional<String> signingKey(String option, CliEnvironment environment) {
        return resolve(option, environment).stream().findFirst();
    }

    /** {@code "a, b,,c"} → {@code [a, b, c]}. */
    public static List<String> parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .toList();
    }

    /** The message for a missing key; names the variable, never a key. */
    public static String missingKeyMessage() {
        return "no Retell API key: set " + ENVIRONMENT_VARIABLE + " or pass --api-key";
    }
}
