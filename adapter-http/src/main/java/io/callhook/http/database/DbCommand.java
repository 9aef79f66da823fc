package io.callhook.http.database;

import io.callhook.db.Database;
import io.callhook.db.MigrationResult;
import io.callhook.db.MigrationStatus;
import io.callhook.http.CallhookConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code db migrate [config.yml]} applies pending migrations; {@code db status [config.yml]} lists every migration and
 * whether it is applied. Without a file the bundled configuration is used, so the database is the one the server would
 * use (the embedded one in {@code CALLHOOK_EMBEDDED_DATA_DIR}, or {@code CALLHOOK_DATABASE_URL}). The embedded database
 * can only be used by one process at a time: stop the server first.
 */
public final class DbCommand extends ConfiguredCommand<CallhookConfiguration> {

    private static final String SUBCOMMAND = "db_subcommand";
    private static final String MIGRATE = "migrate";
    private static final String STATUS = "status";

    private final Supplier<PrintStream> out;

    /** @param out where the commands print (the console; tests pass their own) */
    public DbCommand(Supplier<PrintStream> out) {
        super("db", "Apply the database migrations (db migrate) or show their state (db status)");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    protected Class<CallhookConfiguration> getConfigurationClass() {
        return CallhookConfiguration.class;
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers subcommands = subparser.addSubparsers().title("subcommands");
        Map<String, String> help = Map.of(
                MIGRATE, "Apply every pending migration to the configured database",
                STATUS, "List the migrations and whether each is applied");
        for (String name : List.of(MIGRATE, STATUS)) {
            Subparser parser = subcommands.addParser(name).setDefault(SUBCOMMAND, name).help(help.get(name))
                    .description(help.get(name));
            addFileArgument(parser);
        }
    }

    @Override
    protected void run(Bootstrap<CallhookConfiguration> bootstrap, Namespace namespace,
                       CallhookConfiguration configuration) {
        PrintStream console = out.get();
        try (Database database = Database.open(configuration.getDatabase().toSettings())) {
            console.println("Database: " + describe(database));
            if (MIGRATE.equals(namespace.getString(SUBCOMMAND))) {
                migrate(database, console);
            } else {
                status(database, console);
            }
        }
        console.flush();
    }

    private static void migrate(Database database, PrintStream console) {
        MigrationResult result = database.migrate();
        console.println("Applied " + result.migrationsApplied() + " migration(s); schema '" + database.schema()
                + "' is at version " + result.currentVersion().orElse("none") + ".");
    }

    private static void status(Database database, PrintStream console) {
        List<MigrationStatus> migrations = database.status();
        console.printf("%-8s %-10s %s%n", "VERSION", "STATE", "DESCRIPTION");
        for (MigrationStatus migration : migrations) {
            console.printf("%-8s %-10s %s%n", migration.version(), migration.state(), migration.description());
        }
        long pending = migrations.stream().filter(MigrationStatus::isPending).count();
        long failed = migrations.stream().filter(m -> m.state().contains("Failed")).count();
        if (pending == 0 && failed == 0) {
            console.println("Schema '" + database.schema() + "' is up to date.");
        } else {
            console.println("Schema '" + database.schema() + "': " + pending + " pending, " + failed
                    + " failed. Run: java -jar callhook-server.jar db migrate");
        }
    }

    private static String describe(Database database) {
        return database.isEmbedded() ? "embedded PostgreSQL (" + database.jdbcUrl() + ")" : database.toString();
    }

    /** A failure is reported by its message alone: the operator needs the cause, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        StringBuilder message = new StringBuilder("db " + namespace.getString(SUBCOMMAND) + " failed: " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        cli.getStdErr().println(message);
    }
}
