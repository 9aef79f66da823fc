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
        description = {"callhook's tool for support staff: replay recorded Retell AI webhook events, import a"
                + " customer's set-up, inspect campaigns and the database, sign and send single deliveries.",
            "Database commands use the server's settings (CALLHOOK_DATABASE_URL, ..., else the embedded PostgreSQL in"
                + " ./var/pgdata) unless --db-url is given. Run 'callhook COMMAND --help' for details."},
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
                + String.join(", ", visibleSubcommands(spec)));
    }

    /** The names of the subcommands {@code --help} lists, in order. */
    static java.util.List<String> visibleSubcommands(CommandSpec spec) {
        return spec.subcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    /** The whole command tree for {@code environment}, ready to {@code execute(args)}. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new CallhookCli());
        commandLine.addSubcommand("replay", new ReplayCommand(environment));
        commandLine.addSubcommand("import", new ImportCommand(environment));
        commandLine.addSubcommand("stats", new StatsCommand(environment));
        commandLine.addSubcommand("db", DbCommand.commandLine(environment));
        commandLine.addSubcommand("sign", new SignCommand(environment));
        commandLine.addSubcommand("send", new SendCommand(environment));
        commandLine.addSubcommand("generate-events", new GenerateEventsCommand(environment));
        commandLine.addSubcommand("load", new LoadCommand(environment));
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
