package io.callhook.cli;

import io.callhook.cli.http.WebhookPoster;
import io.callhook.cli.input.RawBodies;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code callhook send FILE --url URL}: signs FILE like Retell and POSTs it; prints the status and the answer. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Sign a body like Retell and POST it to a callhook server.",
        description = {
            "Sign the exact bytes of FILE like Retell and POST them to a callhook server",
            "(Content-Type: application/json, header x-retell-signature). Prints the HTTP status and the response body."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SEND_OK, ExitCodes.SEND_REFUSED, ExitCodes.USAGE_LINE, ExitCodes.SEND_UNAVAILABLE})
public final class SendCommand implements Callable<Integer> {

    /** Where a locally started callhook server listens. */
    public static final String DEFAULT_URL = "http://localhost:8080/webhooks/retell";

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The request body, byte for byte; - reads stdin.")
    String file;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "The webhook endpoint. Default: ${DEFAULT-VALUE}")
    URI url;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait for a connection and for the answer. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Mixin
    SigningOptions signing = new SigningOptions();

    public SendCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        WebhookPoster poster;
        try {
            poster = new WebhookPoster(url, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
        byte[] body;
        try {
            body = RawBodies.read(file, environment.stdin());
        } catch (RawBodies.UnreadableInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String header = signing.signer(environment, spec.commandLine()).sign(body, signing.signingTime(environment));

        WebhookPoster.Response response = poster.post(body, header);

        PrintWriter out = spec.commandLine().getOut();
        out.println("HTTP " + response.status());
        if (!response.body().isBlank()) {
            out.println(response.body().stripTrailing());
        }
        out.flush();
        return ExitCodes.forHttpStatus(response.status());
    }
}
