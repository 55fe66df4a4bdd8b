package io.github.cm4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reference data's CSV and TSV files: RFC 4180 quoting (a field wrapped in {@code "} may hold
 * the delimiter, line breaks and doubled quotes) with a configurable delimiter. Small on purpose; the
 * files are a few hundred kilobytes at most.
 */
public final class Delimited {
    private Delimited() {
    }

    /**
     * Reads every record of a file, the header included.
     *
     * @param file a UTF-8 file (a leading byte order mark is skipped)
     * @param delimiter {@code ','} for CSV, {@code '\t'} for TSV
     * @return the records, each a list of fields
     */
    public static List<List<String>> read(Path file, char delimiter) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == delimiter) {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /**
     * The values of one column, by header name, of every record after the header.
     *
     * @param records records as returned by {@link #read(Path, char)}
     * @param header the column's header
     * @return the values, in file order (empty strings included)
     */
    public static List<String> column(List<List<String>> records, String header) {
        int index = records.get(0).indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + header + "' in " + records.get(0));
        }
        List<String> values = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            values.add(index < record.size() ? record.get(index) : "");
        }
        return values;
    }
}
