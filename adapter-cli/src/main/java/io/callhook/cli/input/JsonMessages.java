package io.callhook.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/** Turns Jackson and I/O failures into short operator messages: no class names, no source dumps. */
final class JsonMessages {

    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");
    private static final int MAX_LENGTH = 200;

    private JsonMessages() {
    }

    /** {@code line 3, column 17: Unexpected character ...}, with {@code line} left out for single-line inputs. */
    static String invalidJson(JsonProcessingException e, boolean withLine) {
        JsonLocation location = e.getLocation();
        StringBuilder message = new StringBuilder("invalid JSON");
        if (location != null && location.getLineNr() > 0) {
            message.append(" at ");
            if (withLine) {
                message.append("line ").append(location.getLineNr()).append(", ");
            }
            message.append("column ").append(location.getColumnNr());
        }
        return message.append(": ").append(reason(e)).toString();
    }

    /** Jackson's own words without the location suffix or source description. */
    static String reason(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return "not valid JSON";
        }
        String firstLine = original.lines().findFirst().orElse(original).strip();
        String cleaned = SOURCE_LOCATION.matcher(firstLine).replaceAll("line $1, column $2");
        return shorten(cleaned);
    }

    /** A reason for an I/O failure that names no Java types. */
    static String ioReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof ZipException || e instanceof java.io.EOFException) {
            String message = e.getMessage();
            return message == null ? "corrupt or truncated gzip data" : "corrupt or truncated gzip data (" + message + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "read error" : shorten(message);
    }

    /** {@code an array}, {@code a string}, ... for "expected a JSON object, found ...". */
    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "'" + token.asString() + "'";
        }
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
