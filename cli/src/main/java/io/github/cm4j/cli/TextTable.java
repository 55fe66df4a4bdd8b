package io.github.cm4j.cli;

import java.io.PrintWriter;
import java.util.List;

/** Aligned text tables for human output (one place for column widths, truncation and the rule line). */
final class TextTable {
    private TextTable() {
    }

    /**
     * Prints headers, a rule and the rows; cells wider than {@code maxWidth} are cut with an ellipsis.
     *
     * @param out where to print
     * @param headers the column names
     * @param rows the cells
     * @param maxWidth the widest a column gets
     */
    static void print(PrintWriter out, List<String> headers, List<List<String>> rows, int maxWidth) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.min(maxWidth, headers.get(c).length());
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], Math.min(maxWidth, r.get(c).length()));
            }
        }
        out.println(row(headers, widths));
        out.println(rule(widths));
        for (List<String> r : rows) {
            out.println(row(r, widths));
        }
    }

    /** @param widths column widths @return the dashes under the headers */
    static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        return rule.toString();
    }

    /**
     * @param cells the cells of a row
     * @param widths column widths
     * @return the row, cells padded and cut to their widths (the last cell is not padded)
     */
    static String row(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c).replace('\n', ' ').replace('\r', ' ');
            if (v.length() > widths[c]) {
                v = v.substring(0, Math.max(0, widths[c] - 1)) + "…";
            }
            sb.append(c == 0 ? "" : "  ").append(v);
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(widths[c] - v.length()));
            }
        }
        return sb.toString();
    }
}
