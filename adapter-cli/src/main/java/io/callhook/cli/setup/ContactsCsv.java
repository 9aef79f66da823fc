package io.callhook.cli.setup;

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
 * Contacts for one campaign from a CSV file (UTF-8). The first line names the columns: {@code phone_number} (required),
 * {@code name} (optional), and any other column becomes one of the contact's dynamic variables, e.g.
 * <pre>
 * phone_number,name,customer_name,last_visit
 * +12125550198,Maria Lopez,Maria,"March 3, 2026"
 * </pre>
 * Empty cells are left out (no name, no such variable).
 *
 * @param contacts the contacts in file order
 * @param lines    the line each contact starts on, for messages
 */
public record ContactsCsv(List<NewContact> contacts, List<Integer> lines) {

    public static final String PHONE_NUMBER = "phone_number";
    public static final String NAME = "name";

    /**
     * @param file  the name used in messages
     * @param bytes the file's contents
     * @throws SetupException naming the file and line
     */
    public static ContactsCsv parse(String file, byte[] bytes) throws SetupException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw SetupException.at(file, "", "is not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")");
        }
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (Csv.MalformedCsvException e) {
            throw new SetupException(file + ":" + e.line() + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw SetupException.at(file, "", "is empty; expected a header line such as phone_number,name");
        }
        Csv.Row header = rows.get(0);
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String column = header.fields().get(i).strip();
            if (column.isEmpty()) {
                throw new SetupException(file + ":" + header.line() + ": column " + (i + 1) + " has no name");
            }
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new SetupException(file + ":" + header.line() + ": column '" + column + "' appears twice");
            }
            columns.add(column);
        }
        int phoneColumn = indexOf(columns, PHONE_NUMBER);
        if (phoneColumn < 0) {
            throw new SetupException(file + ":" + header.line() + ": no " + PHONE_NUMBER + " column (the first line"
                    + " names the columns: " + PHONE_NUMBER + ", optionally " + NAME + ", then variables)");
        }
        int nameColumn = indexOf(columns, NAME);
        List<NewContact> contacts = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != columns.size()) {
                throw new SetupException(file + ":" + row.line() + ": " + row.fields().size() + " field"
                        + (row.fields().size() == 1 ? "" : "s") + ", but the header has " + columns.size());
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String value = row.fields().get(i);
                if (i != phoneColumn && i != nameColumn && !value.isEmpty()) {
                    variables.put(columns.get(i), value);
                }
            }
            String phone = row.fields().get(phoneColumn).strip();
            String name = nameColumn < 0 ? null : row.fields().get(nameColumn).strip();
            contacts.add(new NewContact(phone, name == null || name.isEmpty() ? null : name, variables));
            lines.add(row.line());
        }
        if (contacts.isEmpty()) {
            throw SetupException.at(file, "", "has a header but no contacts");
        }
        return new ContactsCsv(List.copyOf(contacts), List.copyOf(lines));
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
