package io.callhook.acceptance.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What every error answer must look like: small JSON, nothing about the server's insides. */
public final class ErrorBodies {

    /** Text that would give away code, SQL or infrastructure. */
    private static final List<String> REVEALING = List.of("Exception", "exception", "\tat ", "at io.", "at org.",
            "io.callhook", "org.jdbi", "org.postgresql", "java.", "jakarta.", ".java", "SELECT ", "INSERT ", "UPDATE ",
            "jdbc:", "SQLState", "/work/", "/tmp/", "Caused by");

    private ErrorBodies() {
    }

    /**
     * Checks {@code answer} is {@code {"error": code, "message": ...}} (plus optionally {@code field}) and reveals no
     * stack trace, class name, SQL or path.
     */
    public static JsonNode assertCleanError(Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("content type of %s", answer)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = answer.json();
        assertThat(body.path("error").asText()).as("error code of %s", answer).isEqualTo(code);
        assertThat(body.path("message").asText()).as("message of %s", answer).isNotBlank();
        assertThat(iterable(body.fieldNames())).as("fields of %s", answer).isSubsetOf("error", "message", "field");
        assertThat(answer.body()).as("error body").doesNotContain(REVEALING);
        return body;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
