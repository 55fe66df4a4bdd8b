package io.github.cm4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints rows in the format the user chose ({@link OutputOptions}): one place for tables fitted to the terminal, lists,
 * JSON Lines and CSV, so that every command's table and JSON agree on every value (the text of a cell is made from the
 * same JSON-ready value the JSON line holds).
 *
 * <p>A closed standard output (the reader of a pipe went away, e.g. {@code | head -1}) is noticed within
 * {@value #CHECK_EVERY} rows: printing stops and {@link Result#outputClosed()} says so, so the caller closes its
 * stream at once (releasing a remote enumerator) instead of reading everything.
 */
final class Printer {
    /** Rows read before a table's column widths are fixed. */
    static final int WIDTH_SAMPLE = 200;
    /** The widest a table column gets unless {@code --wide}. */
    static final int MAX_COLUMN = 60;
    /** The narrowest a shrunk column gets (shorter columns keep their width). */
    static final int MIN_COLUMN = 8;
    /** How often (in rows) a closed standard output is checked for. */
    static final int CHECK_EVERY = 32;

    /**
     * What was printed.
     *
     * @param rows the rows printed
     * @param outputClosed whether printing stopped because standard output was closed
     */
    record Result(long rows, boolean outputClosed) {
    }

    private Printer() {
    }

    /**
     * Prints rows.
     *
     * @param out standard output
     * @param options the user's format options
     * @param columns the columns in order; empty = the keys of the rows in the order first seen
     * @param rows JSON-ready rows (values: null, Boolean, Number, String, List, Map)
     * @param noun singular and plural of what a row is, e.g. {@code {"update", "updates"}}, for the table's footer
     * @param empty what a table prints when there are no rows, e.g. {@code (no updates)}
     * @return the count, and whether output was closed
     */
    static Result print(PrintWriter out, OutputOptions options, List<String> columns,
            Iterator<? extends Map<String, ?>> rows, String[] noun, String empty) {
        switch (options.format()) {
            case JSON:
                return json(out, rows);
            case CSV:
                return csv(out, columns, rows);
            case LIST:
                return list(out, columns, rows);
            default:
                return table(out, options.width(), options.wide, columns, rows, noun, empty);
        }
    }

    private static Result json(PrintWriter out, Iterator<? extends Map<String, ?>> rows) {
        long n = 0;
        while (rows.hasNext()) {
            out.println(Json.write(rows.next()));
            if (++n % CHECK_EVERY == 0 && out.checkError()) {
                return new Result(n, true);
            }
        }
        return new Result(n, out.checkError());
    }

    private static Result list(PrintWriter out, List<String> columns, Iterator<? extends Map<String, ?>> rows) {
        long n = 0;
        while (rows.hasNext()) {
            Map<String, ?> row = rows.next();
            List<String> names = columns.isEmpty() ? new ArrayList<>(row.keySet()) : columns;
            int pad = names.stream().mapToInt(String::length).max().orElse(0);
            if (n > 0) {
                out.println();
            }
            for (String name : names) {
                out.println(name + " ".repeat(pad - name.length()) + " : " + text(row.get(name)));
            }
            if (++n % CHECK_EVERY == 0 && out.checkError()) {
                return new Result(n, true);
            }
        }
        return new Result(n, out.checkError());
    }

    private static Result csv(PrintWriter out, List<String> columns, Iterator<? extends Map<String, ?>> rows) {
        List<String> names = columns;
        long n = 0;
        while (rows.hasNext()) {
            Map<String, ?> row = rows.next();
            if (n == 0) {
                names = columns.isEmpty() ? new ArrayList<>(row.keySet()) : columns;
                out.println(csvLine(names.stream().map(s -> (Object) s).toList()));
            }
            List<Object> cells = new ArrayList<>();
            for (String c : names) {
                cells.add(row.get(c));
            }
            out.println(csvLine(cells));
            if (++n % CHECK_EVERY == 0 && out.checkError()) {
                return new Result(n, true);
            }
        }
        if (n == 0 && !columns.isEmpty()) {
            out.println(csvLine(columns.stream().map(s -> (Object) s).toList()));
        }
        return new Result(n, out.checkError());
    }

    /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end CRLF-free (Unix). */
    static String csvLine(List<Object> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = cells.get(i);
            String s = v instanceof Collection<?> || v instanceof Map<?, ?> ? Json.write(v) : v == null ? "" : String.valueOf(v);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    private static Result table(PrintWriter out, int width, boolean wide, List<String> columns,
            Iterator<? extends Map<String, ?>> rows, String[] noun, String empty) {
        List<Map<String, ?>> sample = new ArrayList<>();
        while (rows.hasNext() && sample.size() < WIDTH_SAMPLE) {
            sample.add(rows.next());
        }
        if (sample.isEmpty()) {
            out.println(empty);
            return new Result(0, out.checkError());
        }
        List<String> names = columns;
        if (names.isEmpty()) {
            Set<String> seen = new LinkedHashSet<>();
            sample.forEach(r -> seen.addAll(r.keySet()));
            if (seen.contains("__CLASS") && sample.stream().map(r -> r.get("__CLASS")).distinct().count() == 1) {
                seen.remove("__CLASS"); // one class: a column repeating its name is only in the way
            }
            names = new ArrayList<>(seen);
        }
        int cap = wide ? Integer.MAX_VALUE : MAX_COLUMN;
        int[] natural = new int[names.size()];
        for (int c = 0; c < natural.length; c++) {
            natural[c] = Math.min(cap, names.get(c).length());
            for (Map<String, ?> r : sample) {
                natural[c] = Math.max(natural[c], Math.min(cap, text(r.get(names.get(c))).length()));
            }
        }
        int[] widths = fit(natural, names, width);
        int shown = widths.length;
        List<String> shownNames = names.subList(0, shown);
        out.println(TextTable.row(shownNames, widths));
        out.println(TextTable.rule(widths));
        long n = 0;
        for (Map<String, ?> r : sample) {
            out.println(row(r, shownNames, widths));
            if (++n % CHECK_EVERY == 0 && out.checkError()) {
                return new Result(n, true);
            }
        }
        while (rows.hasNext()) {
            out.println(row(rows.next(), shownNames, widths));
            if (++n % CHECK_EVERY == 0 && out.checkError()) {
                return new Result(n, true);
            }
        }
        out.println("(" + n + " " + (n == 1 ? noun[0] : noun[1]) + (shown < names.size()
                ? "; " + (names.size() - shown) + " more column" + (names.size() - shown == 1 ? "" : "s")
                        + " not shown: --format list, --wide or --json show them)" : ")"));
        return new Result(n, out.checkError());
    }

    /**
     * Column widths that fit {@code width}: the widest columns are narrowed first (to no less than
     * {@value #MIN_COLUMN} or their natural width), and when even that is too wide the trailing columns are left out.
     *
     * @param natural each column's natural width
     * @param names the column names (a column is never narrower than 3 characters)
     * @param width the width to fit, 0 for no limit
     * @return the widths of the columns shown (a prefix of the columns)
     */
    static int[] fit(int[] natural, List<String> names, int width) {
        if (width <= 0 || total(natural, natural.length) <= width) {
            return natural.clone();
        }
        int[] floor = new int[natural.length];
        for (int c = 0; c < natural.length; c++) {
            floor[c] = Math.min(natural[c], Math.max(MIN_COLUMN, Math.min(names.get(c).length(), 16)));
        }
        int shown = natural.length;
        while (shown > 1 && total(floor, shown) > width) {
            shown--;
        }
        // the largest limit L such that the columns capped at max(floor, L) fit
        int lo = 0;
        int hi = 0;
        for (int c = 0; c < shown; c++) {
            hi = Math.max(hi, natural[c]);
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (total(capped(natural, floor, shown, mid), shown) <= width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int[] widths = capped(natural, floor, shown, lo);
        // hand out what the integer limit left over, left to right
        int spare = width - total(widths, shown);
        for (int c = 0; c < shown && spare > 0; c++) {
            int add = Math.min(spare, natural[c] - widths[c]);
            widths[c] += add;
            spare -= add;
        }
        return widths;
    }

    private static int[] capped(int[] natural, int[] floor, int shown, int limit) {
        int[] w = new int[shown];
        for (int c = 0; c < shown; c++) {
            w[c] = Math.min(natural[c], Math.max(floor[c], limit));
        }
        return w;
    }

    private static int total(int[] widths, int count) {
        int sum = 0;
        for (int c = 0; c < count; c++) {
            sum += widths[c];
        }
        return sum + 2 * Math.max(0, count - 1);
    }

    private static String row(Map<String, ?> r, List<String> names, int[] widths) {
        List<String> cells = new ArrayList<>(names.size());
        for (String c : names) {
            cells.add(text(r.get(c)));
        }
        return TextTable.row(cells, widths);
    }

    /**
     * The text of a JSON-ready value in a table, list or CSV cell: the same value the JSON line holds.
     *
     * @param v the value
     * @return its text: empty for null, {@code {a, b}} for lists, compact JSON for objects
     */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Collection<?>) {
            List<String> parts = new ArrayList<>();
            for (Object e : (Collection<?>) v) {
                parts.add(e instanceof Map<?, ?> ? Json.write(e) : text(e));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof Map<?, ?>) {
            return Json.write(v);
        }
        return String.valueOf(v).replace('\n', ' ').replace('\r', ' ');
    }
}
