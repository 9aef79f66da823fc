package io.callhook.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code callhook}: the support-staff tool. The composition root of the CLI: {@link #commandLine(CliEnvironment)} wires
 * every subcommand by hand with the process environment, and installs the one place where errors become exit codes
 * ({@link UsageErrorHandler}, {@link CliExceptionHandler}, {@link ExitCodes}).
 */
@Command(name = "callhook",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Replay, sign and send Retell AI webhook deliveries for callhook.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.REPLAY_OK, ExitCodes.REPLAY_SOME_FAILED, ExitCodes.USAGE_LINE,
            ExitCodes.UNAVAILABLE_LINE})
public final class CallhookCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code callhook} without a command is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The whole command tree for {@code environment}, ready to {@code execute(args)}. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new CallhookCli());
        commandLine.addSubcommand("sign", new SignCommand(environment));
        commandLine.addSubcommand("send", new SendCommand(environment));
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .header("Print a bash/zsh completion script for callhook.")
                .description("Print a bash/zsh completion script for callhook.",
                        "Run: source <(callhook generate-completion)");
        commandLine.addSubcommand("generate-completion", completion);
        // after adding subcommands: these setters apply to the subcommands present at the time of the call
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new CliExceptionHandler());
        return commandLine;
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine(CliEnvironment.system()).execute(args);
        } catch (RuntimeException | Error e) {
            // not even a usage error could be reported normally; still no stack trace for support staff
            System.err.println("callhook: " + CliExceptionHandler.describe(e));
            exitCode = CliExceptionHandler.exitCode(e);
        }
        System.exit(exitCode);
    }
}
