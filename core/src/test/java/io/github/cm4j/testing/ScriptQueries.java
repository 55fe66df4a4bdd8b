package io.github.cm4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the real WQL of {@code shared/reference/wql/} (TSV files) and turns the PowerShell around it into plain
 * WQL: variables and sub-expressions become sample values, {@code `} escapes are undone, and
 * {@code -Class X -Filter "..."} becomes {@code SELECT * FROM X WHERE ...}. One place for the WQL tests of core
 * and of the simulator.
 */
public final class ScriptQueries {
    /** The value of a variable inside a quoted WQL string when no specific value is given. */
    public static final String SAMPLE = "Sample01";

    private static final Pattern CLASS_AND_FILTER =
            Pattern.compile("-Class\\s+(\\S+)\\s+-Filter\\s*`?\\s*(?:\\\\n\\s*)?\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private ScriptQueries() {
    }

    /**
     * Replaces PowerShell variables and sub-expressions by sample values and undoes {@code `} escapes.
     *
     * @param text PowerShell text holding WQL
     * @param values values by variable text (e.g. {@code $($_.CI_ID)}); required outside WQL quotes
     * @param valuesInsideQuotes whether {@code values} also apply inside quoted WQL strings (else {@link #SAMPLE})
     * @return the WQL
     */
    public static String expandPowerShell(String text, Map<String, String> values, boolean valuesInsideQuotes) {
        StringBuilder out = new StringBuilder();
        boolean inWqlString = false;
        char quote = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`' && i + 1 < text.length()) {
                out.append(text.charAt(i + 1));
                if (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"') {
                    if (!inWqlString) {
                        inWqlString = true;
                        quote = text.charAt(i + 1);
                    } else if (quote == text.charAt(i + 1)) {
                        inWqlString = false;
                    }
                }
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < text.length()
                    && (text.charAt(i + 1) == '(' || Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '_')) {
                int end = text.charAt(i + 1) == '(' ? endOfSubexpression(text, i + 1) : endOfVariable(text, i + 1);
                String variable = text.substring(i, end);
                String value = inWqlString && !valuesInsideQuotes ? null : values.get(variable);
                if (value == null && !inWqlString) {
                    throw new AssertionError("no sample value for unquoted PowerShell " + variable + " in " + text);
                }
                out.append(value == null ? SAMPLE : value);
                i = end;
                continue;
            }
            if (c == '\'' || c == '"') {
                if (!inWqlString) {
                    inWqlString = true;
                    quote = c;
                } else if (quote == c) {
                    inWqlString = false;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int endOfVariable(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** @return the index after the ')' matching the '(' at {@code open}, skipping quoted text inside */
    private static int endOfSubexpression(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        throw new AssertionError("unbalanced $( in " + text);
    }

    /**
     * @param verbatim a PowerShell line with {@code -Class X -Filter "cond"}
     * @param expand how to expand the PowerShell in the condition
     * @return {@code SELECT * FROM X WHERE cond}
     */
    public static String fromClassAndFilter(String verbatim, UnaryOperator<String> expand) {
        Matcher m = CLASS_AND_FILTER.matcher(verbatim);
        if (!m.find()) {
            throw new AssertionError("no -Class ... -Filter \"...\" in " + verbatim);
        }
        return "SELECT * FROM " + m.group(1) + " WHERE " + expand.apply(m.group(2));
    }

    /** Reads a TAB-separated file whose fields may be CSV-quoted ({@code "..."} with {@code ""} inside). */
    /**
     * @param file a TSV file with a header line (quoted fields may hold tabs and doubled quotes)
     * @return the rows by column name
     * @throws IOException when reading fails
     */
    public static List<Map<String, String>> readTsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = splitTsvLine(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = splitTsvLine(line);
            if (fields.size() != header.size()) {
                throw new AssertionError(fields.size() + " fields, not " + header.size() + ", in " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> splitTsvLine(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder f = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new AssertionError("unterminated quoted field in " + line);
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            f.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        f.append(c);
                        i++;
                    }
                }
            }
            while (i < line.length() && line.charAt(i) != '\t') {
                f.append(line.charAt(i++));
            }
            fields.add(f.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++; // tab
        }
    }
}
