package io.callhook.http.resources;

import io.callhook.core.port.in.AdministrationUseCase.NewContact;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a contact list in CSV (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and
 * line breaks; LF or CRLF line ends; a UTF-8 byte-order mark is ignored; blank lines are skipped).
 *
 * <p>The first line is the header. It must name a {@code phone_number} column; a {@code name} column is optional; every
 * other column becomes an agent variable of that name (empty cells are left out). Problems are reported with the line
 * they are on, counting from 1 for the header.
 */
final class ContactsCsv {

    /** A contact and the line its row starts on. */
    record Row(int line, NewContact contact) {
    }

    /** A problem with the CSV, on {@code line}. */
    static final class Problem extends Exception {
        private final int line;

        Problem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    static final String PHONE_NUMBER = "phone_number";
    static final String NAME = "name";

    private ContactsCsv() {
    }

    static List<Row> parse(byte[] body) throws Problem {
        String text = decode(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw new Problem(1, "the CSV is empty; its first line must be a header naming a phone_number column");
        }
        Record header = records.get(0);
        List<String> columns = header.fields().stream().map(String::strip).toList();
        int phoneColumn = -1;
        int nameColumn = -1;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (column.isEmpty()) {
                throw new Problem(header.line(), "column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new Problem(header.line(), "the header names column '" + column + "' twice");
            }
            if (column.equalsIgnoreCase(PHONE_NUMBER)) {
                phoneColumn = i;
            } else if (column.equalsIgnoreCase(NAME)) {
                nameColumn = i;
            }
        }
        if (phoneColumn < 0) {
            throw new Problem(header.line(), "the header must name a phone_number column (found: "
                    + String.join(", ", columns) + ")");
        }
        if (records.size() == 1) {
            throw new Problem(header.line() + 1, "the CSV has no contact rows after its header");
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (Record record : records.subList(1, records.size())) {
            List<String> fields = record.fields();
            if (fields.size() != columns.size()) {
                throw new Problem(record.line(), "has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
                        + ", the header has " + columns.size());
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                if (i != phoneColumn && i != nameColumn && !fields.get(i).isBlank()) {
                    variables.put(columns.get(i), fields.get(i).strip());
                }
            }
            String name = nameColumn < 0 ? null : fields.get(nameColumn).strip();
            rows.add(new Row(record.line(), new NewContact(fields.get(phoneColumn).strip(),
                    name == null || name.isEmpty() ? null : name, variables)));
        }
        return rows;
    }

    private static String decode(byte[] body) throws Problem {
        try {
            return strictUtf8(body, 0, body.length);
        } catch (CharacterCodingException e) {
            // a line feed byte never occurs inside a UTF-8 sequence, so lines can be decoded one by one to find it
            int line = 1;
            int start = 0;
            for (int i = 0; i <= body.length; i++) {
                if (i == body.length || body[i] == '\n') {
                    try {
                        strictUtf8(body, start, i - start);
                    } catch (CharacterCodingException onThisLine) {
                        break;
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw new Problem(line, "is not UTF-8 text; save the file as CSV UTF-8");
        }
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }

    private record Record(int line, List<String> fields) {
    }

    /** Splits the text into records; quoted fields may span lines, so each record remembers the line it starts on. */
    private static List<Record> records(String text) throws Problem {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        boolean recordHasContent = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\0') {
                // PostgreSQL text cannot hold it; refusing names the line, where storing would fail as a whole
                throw new Problem(line, "contains the NUL character (\\u0000), which cannot be stored");
            }
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.toString().isBlank() && !fieldWasQuoted) {
                        field.setLength(0);
                        quoted = true;
                        fieldWasQuoted = true;
                        recordHasContent = true;
                    } else {
                        throw new Problem(line, "has a quote inside an unquoted field; quote the whole field and"
                                + " double the quotes inside it");
                    }
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    recordHasContent = true;
                }
                case '\r' -> {
                    // part of CRLF, or a stray CR: either way not data
                }
                case '\n' -> {
                    if (recordHasContent || !field.toString().isBlank()) {
                        fields.add(field.toString());
                        records.add(new Record(recordLine, List.copyOf(fields)));
                    }
                    fields.clear();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    recordHasContent = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    if (fieldWasQuoted && !Character.isWhitespace(c)) {
                        throw new Problem(line, "has text after a closing quote");
                    }
                    if (!fieldWasQuoted) {
                        field.append(c);
                    }
                    if (!Character.isWhitespace(c)) {
                        recordHasContent = true;
                    }
                }
            }
            i++;
        }
        if (quoted) {
            throw new Problem(recordLine, "has a quoted field that is never closed");
        }
        if (recordHasContent || !field.toString().isBlank()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
