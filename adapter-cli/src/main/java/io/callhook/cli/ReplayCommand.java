package io.callhook.cli;

import io.callhook.cli.db.CliDatabase;
import io.callhook.cli.db.DatabaseOptions;
import io.callhook.cli.db.RollbackUnitOfWork;
import io.callhook.cli.http.WebhookPoster;
import io.callhook.cli.input.EventReader;
import io.callhook.cli.input.EventSource;
import io.callhook.cli.replay.DatabaseTarget;
import io.callhook.cli.replay.EventOrder;
import io.callhook.cli.replay.HttpTarget;
import io.callhook.cli.replay.InboxReplayer;
import io.callhook.cli.replay.LineProgress;
import io.callhook.cli.replay.PredictingTarget;
import io.callhook.cli.replay.Progress;
import io.callhook.cli.replay.ReplaySummary;
import io.callhook.cli.replay.ReplayTarget;
import io.callhook.cli.replay.Replayer;
import io.callhook.cli.replay.SignatureGate;
import io.callhook.cli.replay.TargetUnavailableException;
import io.callhook.core.port.out.InboxRepository.InboxStatus;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.RetellSigner;
import io.callhook.core.service.IngestionService;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code callhook replay}: puts recorded webhook events through callhook again, into the database through the same
 * ingestion use case as the webhook endpoint, or to a running server over HTTP. Safe to repeat: ingestion deduplicates.
 */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Replay recorded Retell webhook events into callhook (safe to repeat).",
        description = {
            "Put recorded Retell webhook events through callhook again: into the database, through the same ingestion"
                + " as the webhook endpoint (the database ends up exactly as if Retell had delivered them), or with"
                + " --url to a running callhook server, each event signed like Retell signs it. Replaying the same"
                + " events twice changes nothing: the second time they are duplicates.",
            "",
            "INPUT: .json (one event, an array, or several objects in a row), .ndjson/.jsonl (one event per line), any"
                + " of these gzip-compressed with .gz appended, folders (read recursively, sorted by name), or - for"
                + " stdin. Each object is a webhook body as Retell sends it, or a recorded delivery that keeps its"
                + " signature:",
            "  {\"headers\":{\"x-retell-signature\":\"v=...,d=...\"},\"body\":\"<raw body>\"}",
            "Unreadable input (a malformed line, a truncated file) is reported with its file and line or array index,"
                + " and the rest is still replayed.",
            "",
            "The summary goes to stdout: per event type applied, duplicate, ignored, rejected and failed, the first"
                + " errors with their position, and events/s. Progress goes to stderr: a bar on a terminal, a line"
                + " every 5 s otherwise. Without --url the schema is migrated first, as the server does at start (not"
                + " with --dry-run).",
            ""},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.REPLAY_OK, ExitCodes.REPLAY_SOME_FAILED, ExitCodes.USAGE_LINE,
            ExitCodes.UNAVAILABLE_LINE},
        footerHeading = "%nExamples:%n",
        footer = {
            "  callhook replay calls.ndjson.gz",
            "  callhook replay --verify --dry-run exports/",
            "  callhook replay --url http://localhost:8080/webhooks/retell calls.json",
            "  callhook replay --from-inbox --status rejected",
            "  callhook replay --output json events.jsonl | jq .total"})
public final class ReplayCommand implements Callable<Integer> {

    /** Events per transaction unless {@code --batch-size} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    private static final int MAX_BATCH_SIZE = 10_000;

    /** Summary formats. */
    public enum Output { TEXT, JSON;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The inbox statuses that can be processed again. */
    public enum InboxChoice { REJECTED, FAILED, DEAD;

        InboxStatus status() {
            return InboxStatus.valueOf(name());
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final CliEnvironment environment;
    /** Whether the summary was printed, by the command or by the shutdown hook of an interrupted run: only once. */
    private final AtomicBoolean reported = new AtomicBoolean();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Files, folders, or - for stdin (see above).")
    List<String> inputs = new ArrayList<>();

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--url", paramLabel = "URL",
            description = "POST each event to this callhook webhook endpoint instead of writing to the database,"
                    + " e.g. " + SendCommand.DEFAULT_URL + ". Signed now with the API key. 2xx counts as applied"
                    + " (the server does not say whether it was a duplicate), 4xx as rejected, 5xx as failed.")
    URI url;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Retell API key(s), comma-separated, to sign with (--url: the first) and to verify with"
                    + " (--verify: any). Default: the environment variable " + RetellKeys.ENVIRONMENT_VARIABLE
                    + " (preferred: options show in process lists and shell history). Never printed.")
    String apiKey;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "With --url: seconds to wait for a connection and for each answer. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--verify",
            description = "Check the recorded x-retell-signature of each event with the API key(s) before replaying it;"
                    + " events without a valid one are reported as rejected and not replayed. Without --at, each"
                    + " signature is checked at its own timestamp (body and key, not age).")
    boolean verify;

    @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
            description = "With --verify: check signatures as the server would have at TIME (epoch ms or ISO-8601,"
                    + " e.g. 2026-09-21T10:00:00Z): made within 5 minutes of it.")
    Instant at;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "file",
            description = "file (as read; streams), timestamp (by event time, then lifecycle), shuffle (random; see"
                    + " --seed). The last two read all events first. Default: ${DEFAULT-VALUE}")
    EventOrder order;

    @Option(names = "--seed", paramLabel = "N",
            description = "With --order shuffle: the seed, to repeat a shuffle. Default: random (printed in the summary).")
    Long seed;

    @Option(names = "--dry-run",
            description = "Parse, verify and show what would happen, writing nothing: each batch is ingested in a"
                    + " database transaction that is then rolled back (events see earlier events of their batch"
                    + " only). With --url nothing is sent; events are only parsed.")
    boolean dryRun;

    @Option(names = "--from-inbox",
            description = "Instead of INPUT, process the deliveries stored in the database's inbox with --status again,"
                    + " oldest first (e.g. after a fix for events that were rejected).")
    boolean fromInbox;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "With --from-inbox: rejected, failed (waiting for a retry) or dead (failed on every attempt)."
                    + " Default: rejected")
    InboxChoice status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
            description = "With --from-inbox: at most N entries. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Events per database transaction (1 to " + MAX_BATCH_SIZE + "). A batch that fails as a whole"
                    + " is retried event by event. Default: " + DEFAULT_BATCH_SIZE)
    Integer batchSize;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "Summary as text or json. Default: ${DEFAULT-VALUE}")
    Output output;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "10",
            description = "How many errors the summary lists (all are counted). Default: ${DEFAULT-VALUE}")
    int maxErrors;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    /** How often progress lines are printed when not on a terminal; hidden, for tests and very long runs. */
    @Option(names = "--progress-interval", paramLabel = "SECONDS", hidden = true)
    Integer progressIntervalSeconds;

    public ReplayCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        validate();
        reported.set(false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long shuffleSeed = seed != null ? seed : new SecureRandom().nextLong();

        ReplayTarget httpTarget = url != null ? httpTarget() : null;
        CliDatabase db = null;
        try {
            if (httpTarget == null) {
                db = CliDatabase.open(database.settings(environment, spec.commandLine()),
                        dryRun ? CliDatabase.SchemaPolicy.REQUIRE_CURRENT : CliDatabase.SchemaPolicy.MIGRATE);
            }
            ReplaySummary summary = new ReplaySummary(environment.clock(), maxErrors);
            Progress progress = progressIntervalSeconds != null && !quiet && !environment.interactive()
                    ? new LineProgress(err, -1, Duration.ofSeconds(progressIntervalSeconds), System::nanoTime)
                    : Progress.create(quiet, environment.interactive(), environment.terminal(), err, -1);
            Optional<TargetUnavailableException> stopped;
            Thread onInterrupt = interruptedSummary(summary, out);
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                if (httpTarget != null) {
                    summary.note("target", url.toString());
                    notes(summary, shuffleSeed);
                    stopped = replayFiles(httpTarget, summary, progress, shuffleSeed);
                } else {
                    summary.note("target", db.description());
                    UnitOfWork store = db.unitOfWork();
                    IngestionService ingestion = new IngestionService(dryRun ? new RollbackUnitOfWork(store) : store,
                            environment.clock());
                    if (fromInbox) {
                        summary.note("source", "inbox entries with status " + inboxChoice());
                        notes(summary, shuffleSeed);
                        stopped = new InboxReplayer(store, ingestion, summary, progress)
                                .run(inboxChoice().status(), limit);
                    } else {
                        notes(summary, shuffleSeed);
                        stopped = replayFiles(new DatabaseTarget(ingestion, environment.clock(), batchSize()),
                                summary, progress, shuffleSeed);
                    }
                }
            } finally {
                progress.close();
                removeShutdownHook(onInterrupt);
            }
            if (!reported.compareAndSet(false, true)) {
                return ExitCodes.UNAVAILABLE; // interrupted: the shutdown hook has reported; the JVM is exiting
            }
            summary.finish();
            stopped.ifPresent(stop -> summary.note("stopped", stop.getMessage() + "; input after the last counted"
                    + " event was not read. Replaying again is safe."));
            out.print(output == Output.JSON ? summary.renderJson() : summary.renderText());
            out.flush();
            if (stopped.isPresent()) {
                err.println(spec.qualifiedName() + ": " + stopped.get().getMessage());
                err.flush();
                return ExitCodes.UNAVAILABLE;
            }
            return summary.exitCode();
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    private Optional<TargetUnavailableException> replayFiles(ReplayTarget target, ReplaySummary summary,
                                                             Progress progress, long shuffleSeed) {
        SignatureGate gate = verify ? new SignatureGate(keys(), at) : null;
        try (EventSource source = new EventReader(environment.stdin()).open(inputs)) {
            return new Replayer(target, gate, summary, progress, order, shuffleSeed).run(source);
        }
    }

    private void notes(ReplaySummary summary, long shuffleSeed) {
        if (dryRun) {
            summary.note("dry run", url != null ? "nothing was sent; events were only parsed (applied = would be sent)"
                    : fromInbox ? "nothing was written; each entry was processed in a transaction that was rolled back"
                    : "nothing was written; each batch was ingested in a transaction that was rolled back");
        } else if (url != null) {
            summary.note("note", "the server answers 2xx for new, duplicate, ignored and stored-as-rejected events"
                    + " alike; all are counted as applied");
        }
        if (!fromInbox) {
            summary.note("order", order.toString());
            if (order == EventOrder.SHUFFLE) {
                summary.note("seed", shuffleSeed + " (repeat this order with --seed " + shuffleSeed + ")");
            }
        }
        if (verify) {
            summary.note("verify", new SignatureGate(keys(), at).describe());
        }
        if (url == null && !fromInbox) {
            summary.note("batch size", Integer.toString(batchSize()));
        }
    }

    /**
     * Ctrl-C ends the JVM: say how far the replay got. The batch in flight is rolled back with its transaction (or, with
     * --url, the event in flight may or may not have been stored), so running the same command again is safe.
     */
    private Thread interruptedSummary(ReplaySummary summary, PrintWriter out) {
        return new Thread(() -> {
            if (!reported.compareAndSet(false, true)) {
                return;
            }
            summary.finish();
            summary.note("interrupted", "only the events counted above were replayed; run the same command again to"
                    + " replay the rest (the others are then duplicates)");
            out.print(output == Output.JSON ? summary.renderJson() : summary.renderText());
            out.flush();
        }, "callhook-replay-interrupted");
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs and prints the summary
        }
    }

    /** The HTTP target (or, for a dry run, the parser standing in for it). */
    private ReplayTarget httpTarget() {
        if (dryRun) {
            return new PredictingTarget();
        }
        WebhookPoster poster;
        try {
            poster = new WebhookPoster(url, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
        String key = RetellKeys.signingKey(apiKey, environment)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), RetellKeys.missingKeyMessage()));
        return new HttpTarget(poster, new RetellSigner(key), environment.clock());
    }

    private List<String> keys() {
        List<String> keys = RetellKeys.resolve(apiKey, environment);
        if (keys.isEmpty()) {
            throw new ParameterException(spec.commandLine(), RetellKeys.missingKeyMessage());
        }
        return keys;
    }

    private int batchSize() {
        return batchSize != null ? batchSize : DEFAULT_BATCH_SIZE;
    }

    private InboxChoice inboxChoice() {
        return status != null ? status : InboxChoice.REJECTED;
    }

    /** Combinations picocli cannot check by itself; each is a usage error (exit code 2). */
    private void validate() {
        if (fromInbox) {
            require(inputs.isEmpty(), "--from-inbox reads the database's inbox and takes no INPUT");
            require(url == null, "--from-inbox works on the database; it cannot be combined with --url");
            require(!verify, "--from-inbox cannot --verify: the inbox keeps no signatures (they were checked when the"
                    + " deliveries arrived)");
            require(order == EventOrder.FILE && seed == null, "--from-inbox processes entries oldest first;"
                    + " --order and --seed do not apply");
            require(limit >= 1, "--limit must be at least 1");
        } else {
            require(!inputs.isEmpty(), "missing INPUT: files, folders, or - for stdin (or --from-inbox)");
            require(status == null, "--status applies to --from-inbox only");
        }
        if (url != null) {
            require(!database.anyGiven(), "--db-url, --db-user and --db-password do not apply with --url");
            require(batchSize == null, "--batch-size applies to the database; with --url events are posted one by one");
            require(timeoutSeconds >= 1, "--timeout must be at least 1 second");
        }
        require(at == null || verify, "--at sets the time of --verify; add --verify");
        require(seed == null || order == EventOrder.SHUFFLE, "--seed applies to --order shuffle only");
        require(batchSize == null || (batchSize >= 1 && batchSize <= MAX_BATCH_SIZE),
                "--batch-size must be between 1 and " + MAX_BATCH_SIZE);
        require(maxErrors >= 0, "--max-errors must not be negative");
        require(progressIntervalSeconds == null || progressIntervalSeconds >= 0,
                "--progress-interval must not be negative");
        if (verify) {
            keys();
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
