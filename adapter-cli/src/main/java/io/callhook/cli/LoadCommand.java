package io.callhook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.cli.load.LoadDeliveries;
import io.callhook.cli.load.LoadDriver;
import io.callhook.cli.load.LoadMode;
import io.callhook.cli.load.LoadResult;
import io.callhook.cli.load.SignedDelivery;
import io.callhook.cli.replay.Progress;
import io.callhook.core.retell.RetellSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code callhook load}: a load test of a running callhook (or any Retell webhook receiver). Pre-generates and pre-signs
 * realistic deliveries ({@link LoadDeliveries}), then drives them at the URL ({@link LoadDriver}) and prints throughput,
 * answers by status and latency percentiles of the measured part.
 */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Load-test a webhook endpoint with realistic signed Retell deliveries.",
        description = {"Generates CALLS synthetic outbound calls (call_started, call_ended, call_analyzed each, about 2 KB"
                + " per call_ended), signs them all with the Retell API key before the run, then sends them to --url for"
                + " --warmup plus --duration seconds: closed loop with --connections senders (maximum throughput), or"
                + " open loop at --rate deliveries per second on a fixed timetable (latency measured from each scheduled"
                + " send time, so a server that falls behind cannot hide it). Prints events/s, answers by HTTP status and"
                + " latency p50/p90/p99/p99.9/max of the part after the warm-up; progress goes to stderr.",
            "Without --setup the calls' agent is unknown to callhook: each call is recorded, unlinked. With a set-up"
                + " written by 'callhook generate-events --setup' and imported, the calls dial its contacts and move its"
                + " campaigns; use --first-call to give each run contacts of its own.",
            "Signatures are valid for 5 minutes: keep --warmup plus --duration well under that.",
            "Example:",
            "  callhook generate-events --calls 100000 --campaigns 8 --setup setup.json unused.ndjson",
            "  callhook import setup.json",
            "  callhook load --setup setup.json --calls 20000 --connections 16 --duration 30 --url http://localhost:8080/webhooks/retell"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.LOAD_OK, ExitCodes.LOAD_SOME_FAILED, ExitCodes.USAGE_LINE})
public final class LoadCommand implements Callable<Integer> {

    /** Longest run: the signatures made before it must still be valid at its end. */
    static final Duration LONGEST_RUN = Duration.ofMinutes(4);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = SendCommand.DEFAULT_URL,
            description = "The webhook endpoint. Default: ${DEFAULT-VALUE}")
    URI url;

    @Option(names = "--connections", paramLabel = "C", defaultValue = "16",
            description = "Closed loop: senders, each waiting for its answer before sending again. Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--rate", paramLabel = "R",
            description = "Open loop instead: send R deliveries per second on a fixed timetable.")
    Double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "Measured part. Default: ${DEFAULT-VALUE}")
    int durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "Sent first and not measured. Default: ${DEFAULT-VALUE}")
    int warmupSeconds;

    @Option(names = "--calls", paramLabel = "CALLS", defaultValue = "10000",
            description = "Calls to pre-generate (3 deliveries each); the run ends early when they are all sent."
                    + " Default: ${DEFAULT-VALUE}")
    int calls;

    @Option(names = "--setup", paramLabel = "FILE",
            description = "A set-up from 'callhook generate-events --setup', already imported: the calls link to its"
                    + " campaigns.")
    Path setup;

    @Option(names = "--first-call", paramLabel = "N", defaultValue = "0",
            description = "Start at call N of the set-up (its contacts N, N+1, ...), so that runs do not reuse contacts."
                    + " Default: ${DEFAULT-VALUE}")
    int firstCall;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Call ids and outcomes depend on it. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--agent", paramLabel = "RETELL_AGENT_ID", defaultValue = "agent_loadtest0000000000000000",
            description = "Without --setup: the Retell agent id of the calls. Default: ${DEFAULT-VALUE}")
    String agent;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Longest wait for one answer (Retell waits 10 s). Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}")
    ReplayCommand.Output output;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    SigningOptions signing = new SigningOptions();

    public LoadCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadMode mode = mode();
        if (durationSeconds < 1 || warmupSeconds < 0
                || Duration.ofSeconds((long) durationSeconds + warmupSeconds).compareTo(LONGEST_RUN) > 0) {
            throw usage("--warmup plus --duration must be from 1 to " + LONGEST_RUN.toSeconds()
                    + " seconds: the signatures made before the run are valid for 5 minutes");
        }
        if (calls < 1 || firstCall < 0 || timeoutSeconds < 1) {
            throw usage("--calls and --timeout must be at least 1, --first-call at least 0");
        }
        LoadDriver driver;
        try {
            driver = new LoadDriver(url, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw usage("--url: " + e.getMessage());
        }
        String agentId = agent;
        if (setup != null) {
            LoadDeliveries.Target target;
            try {
                target = LoadDeliveries.fromSetup(setup);
            } catch (IOException | IllegalArgumentException e) {
                throw usage("--setup " + setup + ": " + e.getMessage());
            }
            if ((long) firstCall + calls > target.contacts()) {
                throw usage("--setup " + setup + " has " + target.contacts() + " contacts: --first-call plus --calls"
                        + " must not exceed it");
            }
            agentId = target.agentId();
        }
        RetellSigner signer = signing.signer(environment, spec.commandLine());
        Instant signedAt = signing.signingTime(environment);
        List<SignedDelivery> deliveries = LoadDeliveries.generate(seed, agentId, firstCall, calls, signer, signedAt);

        PrintWriter err = spec.commandLine().getErr();
        long expected = mode instanceof LoadMode.OpenLoop open
                ? Math.min(deliveries.size(), Math.round(open.ratePerSecond() * (warmupSeconds + durationSeconds)))
                : -1;
        LoadResult result;
        try (Progress progress = Progress.create("load", "sent", quiet, environment.interactive(),
                environment.terminal(), err, expected)) {
            result = driver.run(deliveries, mode, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(durationSeconds), progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == ReplayCommand.Output.JSON ? json(result) : text(result));
        out.flush();
        return result.events() > 0 && result.allSucceeded() ? ExitCodes.OK : ExitCodes.SOME_EVENTS_FAILED;
    }

    private LoadMode mode() {
        try {
            return rate != null ? new LoadMode.OpenLoop(rate) : new LoadMode.ClosedLoop(connections);
        } catch (IllegalArgumentException e) {
            throw usage(rate != null ? "--rate must be a positive number of deliveries per second"
                    : "--connections must be at least 1");
        }
    }

    private String text(LoadResult result) {
        String how = result.mode() instanceof LoadMode.OpenLoop open
                ? String.format(Locale.ROOT, "open loop at %s/s", number(open.ratePerSecond()))
                : "closed loop, " + ((LoadMode.ClosedLoop) result.mode()).connections() + " connections";
        StringBuilder text = new StringBuilder();
        text.append("target: ").append(url).append('\n');
        text.append(String.format(Locale.ROOT, "%s, %d s measured after %d s warm-up%n", how, durationSeconds,
                warmupSeconds));
        text.append(String.format(Locale.ROOT, "events     %d%n", result.events()));
        text.append(String.format(Locale.ROOT, "events/s   %.1f%n", result.eventsPerSecond()));
        text.append("status     ").append(result.statuses().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        text.append("latency ms ").append(result.latency().byName().entrySet().stream()
                .map(e -> e.getKey() + " " + number(e.getValue())).collect(Collectors.joining("  "))).append('\n');
        if (result.ranOutOfDeliveries()) {
            text.append("ran out of deliveries before the time was up: raise --calls\n");
        }
        return text.toString();
    }

    private String json(LoadResult result) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("url", url.toString());
        if (result.mode() instanceof LoadMode.OpenLoop open) {
            root.put("mode", "open").put("rate", open.ratePerSecond());
        } else {
            root.put("mode", "closed").put("connections", ((LoadMode.ClosedLoop) result.mode()).connections());
        }
        root.put("warmup_seconds", warmupSeconds).put("duration_seconds", durationSeconds);
        root.put("events", result.events());
        root.put("events_per_second", Math.round(result.eventsPerSecond() * 10) / 10.0);
        ObjectNode statuses = root.putObject("status");
        result.statuses().forEach(statuses::put);
        LoadResult.Latency latency = result.latency();
        root.putObject("latency_ms").put("p50", latency.p50()).put("p90", latency.p90()).put("p99", latency.p99())
                .put("p99_9", latency.p999()).put("max", latency.max());
        root.put("ran_out_of_deliveries", result.ranOutOfDeliveries());
        return json.writeValueAsString(root) + "\n";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
