package io.callhook.cli.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the text summary's table back: row label → applied, duplicate, ignored, rejected, failed, total. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static Map<String, List<Long>> rows(String summary) {
        Map<String, List<Long>> rows = new LinkedHashMap<>();
        for (String line : summary.lines().toList()) {
            if (line.isBlank()) {
                break;
            }
            if (line.startsWith("event type")) {
                continue;
            }
            String[] cells = line.trim().split("\\s+");
            List<Long> numbers = Arrays.stream(cells, cells.length - 6, cells.length).map(Long::valueOf).toList();
            rows.put(String.join(" ", Arrays.copyOfRange(cells, 0, cells.length - 6)), numbers);
        }
        return rows;
    }

    /** One row, e.g. {@code row(out, "total")}. */
    public static List<Long> row(String summary, String label) {
        List<Long> row = rows(summary).get(label);
        if (row == null) {
            throw new AssertionError("no row '" + label + "' in the summary:\n" + summary);
        }
        return row;
    }
}
