package io.callhook.cli;

import io.callhook.cli.db.CliDatabase;
import io.callhook.cli.db.DatabaseOptions;
import io.callhook.db.MigrationResult;
import io.callhook.db.MigrationStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code callhook db migrate|status}: the schema, with the server's Flyway migrations. */
@Command(name = "db",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "(migrate | status)",
        header = "Migrate the database schema or show its migration status.",
        description = {"Migrate the database schema or show its migration status, with the migrations the server"
                + " applies at start. The database is the server's (CALLHOOK_DATABASE_URL, ..., else the embedded"
                + " PostgreSQL in ./var/pgdata) unless --db-url is given to the subcommand."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DB_OK, ExitCodes.DB_NOT_CURRENT, ExitCodes.USAGE_LINE,
            ExitCodes.DATABASE_UNAVAILABLE_LINE})
public final class DbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code db} with its subcommands. */
    static CommandLine commandLine(CliEnvironment environment) {
        CommandLine db = new CommandLine(new DbCommand());
        db.addSubcommand("migrate", new Migrate(environment));
        db.addSubcommand("status", new Status(environment));
        return db;
    }

    /** {@code callhook db} alone is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: migrate or status");
    }

    /** {@code callhook db migrate}. */
    @Command(name = "migrate",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Apply pending migrations to the schema.",
            description = {"Apply every pending migration to the schema (the URL's currentSchema, else public), each in"
                + " its own transaction; creates the schema when missing. Safe to repeat."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:the schema is up to date", "1:a migration failed", ExitCodes.USAGE_LINE,
                ExitCodes.DATABASE_UNAVAILABLE_LINE})
    static final class Migrate implements Callable<Integer> {

        private final CliEnvironment environment;

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        Migrate(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (CliDatabase db = CliDatabase.open(database.settings(environment, spec.commandLine()),
                    CliDatabase.SchemaPolicy.MIGRATE)) {
                MigrationResult result = db.migration();
                String version = result.currentVersion().map(v -> " at version " + v).orElse("");
                PrintWriter out = spec.commandLine().getOut();
                if (result.migrationsApplied() == 0) {
                    out.println("Schema " + db.database().schema() + " of " + db.description() + " is up to date"
                            + version + ".");
                } else {
                    out.println("Applied " + result.migrationsApplied() + " migration"
                            + (result.migrationsApplied() == 1 ? "" : "s") + ": schema " + db.database().schema()
                            + " of " + db.description() + " is now" + version + ".");
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code callhook db status}. */
    @Command(name = "status",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "List the migrations and whether each is applied.",
            description = {"List every migration of the schema (the URL's currentSchema, else public) with its state:"
                + " Success, Pending, Failed, ..."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:every migration is applied", "1:migrations are pending or failed: run 'callhook db migrate'",
                ExitCodes.USAGE_LINE, ExitCodes.DATABASE_UNAVAILABLE_LINE})
    static final class Status implements Callable<Integer> {

        private final CliEnvironment environment;

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        Status(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (CliDatabase db = CliDatabase.open(database.settings(environment, spec.commandLine()),
                    CliDatabase.SchemaPolicy.CONNECT_ONLY)) {
                List<MigrationStatus> statuses = db.database().status();
                PrintWriter out = spec.commandLine().getOut();
                out.println("Schema " + db.database().schema() + " of " + db.description());
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("version", "description", "state"));
                for (MigrationStatus status : statuses) {
                    rows.add(List.of(status.version(), status.description(), status.state()));
                }
                out.print(TextTable.render(rows));
                long notApplied = statuses.stream().filter(s -> !s.isSuccess()).count();
                if (notApplied > 0) {
                    out.println(notApplied + " migration" + (notApplied == 1 ? " is" : "s are")
                            + " not applied: run 'callhook db migrate'.");
                }
                out.flush();
                return notApplied == 0 ? ExitCodes.OK : ExitCodes.SOME_EVENTS_FAILED;
            }
        }
    }
}
