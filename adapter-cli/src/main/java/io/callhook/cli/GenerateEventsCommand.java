package io.callhook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callhook.cli.generate.EventGenerator;
import io.callhook.core.retell.RetellSigner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code callhook generate-events} (hidden): writes synthetic Retell events for load tests of {@code replay}, and
 * optionally the matching set-up for {@code import}. See {@link EventGenerator}.
 */
@Command(name = "generate-events",
        hidden = true,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Write synthetic Retell events for load tests (4 per call).",
        description = {"Write CALLS synthetic outbound calls of one agent, four webhook events each (call_started,"
                + " transcript_updated, call_ended, call_analyzed), to OUT: .ndjson or .jsonl (one per line), .json"
                + " (an array), each optionally .gz. With --setup, also a set-up for 'callhook import' whose"
                + " processing campaign has every dialled number as a contact. The same --seed gives the same bytes.",
            "Example:",
            "  callhook generate-events --calls 25000 --setup load-setup.json load.ndjson.gz",
            "  callhook import load-setup.json && callhook replay load.ndjson.gz"})
public final class GenerateEventsCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "OUT",
            description = "Where to write the events. May be left out with --setup, to write only the set-up.")
    Path out;

    @Option(names = "--calls", paramLabel = "CALLS", defaultValue = "25000",
            description = "Number of calls (4 events each). Default: ${DEFAULT-VALUE}")
    int calls;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--agent", paramLabel = "RETELL_AGENT_ID", defaultValue = "agent_loadtest0000000000000000",
            description = "The Retell agent id of the calls. Default: ${DEFAULT-VALUE}")
    String agent;

    @Option(names = "--start", paramLabel = "TIME", converter = InstantConverter.class,
            defaultValue = "2026-09-21T13:00:00Z",
            description = "Start of the first call; the others follow 2 s apart. Default: ${DEFAULT-VALUE}")
    Instant start;

    @Option(names = "--setup", paramLabel = "FILE", description = "Also write a set-up for 'callhook import' here.")
    Path setup;

    @Option(names = "--campaigns", paramLabel = "N", defaultValue = "1",
            description = "With --setup: share the dialled numbers out between N processing campaigns of the agent."
                    + " Default: ${DEFAULT-VALUE}")
    int campaigns;

    @Option(names = "--signed",
            description = "Write recorded deliveries with an x-retell-signature (made at each event's time with the"
                    + " first key of --api-key or " + RetellKeys.ENVIRONMENT_VARIABLE + "), for replay --verify.")
    boolean signed;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Key(s) for --signed. Default: "
            + RetellKeys.ENVIRONMENT_VARIABLE)
    String apiKey;

    public GenerateEventsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        if (calls < 1) {
            throw new ParameterException(spec.commandLine(), "--calls must be at least 1");
        }
        if (campaigns < 1 || campaigns > calls) {
            throw new ParameterException(spec.commandLine(), "--campaigns must be from 1 to --calls");
        }
        if (out == null) {
            if (setup == null) {
                throw new ParameterException(spec.commandLine(), "missing OUT: where to write the events");
            }
            try (OutputStream file = open(setup, setup.toString().endsWith(".gz"))) {
                new EventGenerator(seed, agent, start).writeSetup(calls, campaigns, file);
            }
            spec.commandLine().getOut().println("Wrote the set-up of " + calls + " calls to " + setup + ".");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String plain = gzip ? name.substring(0, name.length() - 3) : name;
        boolean array = plain.endsWith(".json");
        if (!array && !plain.endsWith(".ndjson") && !plain.endsWith(".jsonl")) {
            throw new ParameterException(spec.commandLine(), out + ": expected .ndjson, .jsonl or .json (optionally .gz)");
        }
        RetellSigner signer = null;
        if (signed) {
            signer = new RetellSigner(RetellKeys.signingKey(apiKey, environment)
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), RetellKeys.missingKeyMessage())));
        }
        EventGenerator generator = new EventGenerator(seed, agent, start);
        ObjectMapper json = new ObjectMapper();
        long[] written = {0};
        try (OutputStream file = open(out, gzip)) {
            if (array) {
                file.write('[');
            }
            generator.generate(calls, signer, (body, signature) -> {
                if (array && written[0] > 0) {
                    file.write(',');
                }
                if (array) {
                    file.write('\n');
                }
                if (signature == null) {
                    file.write(body);
                } else {
                    ObjectNode delivery = json.createObjectNode();
                    delivery.putObject("headers").put("x-retell-signature", signature);
                    delivery.put("body", new String(body, StandardCharsets.UTF_8));
                    file.write(json.writeValueAsBytes(delivery));
                }
                if (!array) {
                    file.write('\n');
                }
                written[0]++;
            });
            if (array) {
                file.write("\n]\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (setup != null) {
            try (OutputStream file = open(setup, setup.toString().endsWith(".gz"))) {
                generator.writeSetup(calls, campaigns, file);
            }
        }
        spec.commandLine().getOut().println("Wrote " + written[0] + " events of " + calls + " calls to " + out
                + (setup != null ? " and their set-up to " + setup : "") + ".");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static OutputStream open(Path path, boolean gzip) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return gzip ? new GZIPOutputStream(stream, 1 << 16) : stream;
    }
}
