package io.callhook.cli;

import io.callhook.cli.input.RawBodies;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code callhook sign FILE}: prints the {@code x-retell-signature} value Retell would send with these exact bytes. */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Print the x-retell-signature value for a body.",
        description = {
            "Print the x-retell-signature header value for the exact bytes of FILE, as Retell would sign them:",
            "v=<epoch ms>,d=<hex HMAC-SHA256 of the body followed by the timestamp>.",
            "The key is never printed."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SIGN_OK, ExitCodes.USAGE_LINE})
public final class SignCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The request body, byte for byte; - reads stdin.")
    String file;

    @Mixin
    SigningOptions signing = new SigningOptions();

    public SignCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        byte[] body;
        try {
            body = RawBodies.read(file, environment.stdin());
        } catch (RawBodies.UnreadableInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String header = signing.signer(environment, spec.commandLine()).sign(body, signing.signingTime(environment));
        spec.commandLine().getOut().println(header);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
