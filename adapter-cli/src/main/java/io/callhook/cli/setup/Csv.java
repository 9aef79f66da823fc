package io.callhook.cli.setup;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that contain commas, quotes or line
 * breaks, {@code ""} for a quote inside them, CRLF or LF line ends, an optional UTF-8 byte-order mark. Blank lines are
 * skipped. Each record remembers the line it starts on, for error messages.
 */
final class Csv {

    /** One record and the 1-based line it starts on. */
    record Row(int line, List<String> fields) {
    }

    /** The text is not valid CSV at {@code line}. */
    static final class MalformedCsvException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private Csv() {
    }

    static List<Row> parse(String text) throws MalformedCsvException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean rowHasContent = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new MalformedCsvException(line, "a quote inside an unquoted field (quote the whole field and"
                            + " write \"\" for a quote)");
                }
                quoted = true;
                wasQuoted = true;
                rowHasContent = true;
                i++;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                rowHasContent = true;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                i++;
                if (rowHasContent) {
                    fields.add(field.toString());
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                rowHasContent = false;
                line++;
                rowLine = line;
                continue;
            }
            if (wasQuoted) {
                throw new MalformedCsvException(line, "text after the closing quote of a field");
            }
            field.append(c);
            if (!Character.isWhitespace(c)) {
                rowHasContent = true;
            }
            i++;
        }
        if (quoted) {
            throw new MalformedCsvException(rowLine, "a quoted field is not closed before the end of the file");
        }
        if (rowHasContent) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
