package io.callhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.http.WebhookUnreachableException;
import io.callhook.core.port.out.PersistenceUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CliExceptionHandlerTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Exception exception;

        Boom(Exception exception) {
            this.exception = exception;
        }

        @Override
        public Integer call() throws Exception {
            throw exception;
        }
    }

    private record Run(int exitCode, String err) {
    }

    private static Run run(Exception exception) {
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new Boom(exception))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new CliExceptionHandler())
                .execute();
        return new Run(exitCode, err.toString());
    }

    @Test
    void anUnreachableDatabaseExitsWith3AndOneLine() {
        Run run = run(new PersistenceUnavailableException("connection to localhost:5432 refused",
                new SQLException("refused", "08001")));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("boom: could not reach the database: connection to localhost:5432 refused\n");
    }

    @Test
    void aRefusedConnectionAnywhereInTheCausesExitsWith3() {
        Run run = run(new IllegalStateException(new ConnectException("Connection refused")));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("boom: could not connect: Connection refused\n");
    }

    @Test
    void anUnreachableServerExitsWith3() {
        Run run = run(new WebhookUnreachableException("could not reach http://localhost:1/x: connection refused", null));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("boom: could not reach http://localhost:1/x: connection refused\n");
    }

    @Test
    void anyOtherFailureExitsWith1WithoutStackTraceOrClassNames() {
        Run run = run(new RuntimeException(new IllegalArgumentException("bad thing")));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(run.err()).isEqualTo("boom: bad thing\n");
    }

    @Test
    void aFailureWithoutMessageIsNamedInWords() {
        Run run = run(new NullPointerException());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SOME_EVENTS_FAILED);
        assertThat(run.err()).isEqualTo("boom: unexpected error (null pointer)\n");
    }
}
