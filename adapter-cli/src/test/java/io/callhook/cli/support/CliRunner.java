package io.callhook.cli.support;

import io.callhook.cli.CallhookCli;
import io.callhook.cli.CliEnvironment;
import io.callhook.db.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code callhook} in-process with captured stdout/stderr and a controlled environment. */
public final class CliRunner {

    private final Map<String, String> variables = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private byte[] stdin = new byte[0];

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    public CliRunner env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** Points the database commands at {@code db}'s schema, as the server's environment variables would. */
    public CliRunner database(TestDatabase db) {
        env("CALLHOOK_DATABASE_URL", db.jdbcUrl());
        env("CALLHOOK_DATABASE_USER", db.user());
        if (!db.password().isEmpty()) {
            env("CALLHOOK_DATABASE_PASSWORD", db.password());
        }
        return this;
    }

    public CliRunner at(Instant now) {
        this.clock = Fixtures.clockAt(now);
        return this;
    }

    public CliRunner stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    public CliRunner stdin(String text) {
        return stdin(text.getBytes(StandardCharsets.UTF_8));
    }

    public Result run(String... args) {
        CliEnvironment environment = new CliEnvironment(variables, clock, new ByteArrayInputStream(stdin), false,
                System.err);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CallhookCli.commandLine(environment)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
