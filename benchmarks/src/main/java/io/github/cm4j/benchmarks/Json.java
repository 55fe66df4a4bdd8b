package io.github.cm4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the benchmarks' results as JSON (RFC 8259): maps, collections, numbers, booleans, strings and null. Just
 * enough for result files; not a general library (the module takes no JSON dependency for this).
 */
final class Json {
    private Json() {
    }

    /**
     * @param value a map, collection, number, boolean, string or null (records are not supported)
     * @return its JSON text, indented
     * @throws IllegalArgumentException for any other type, or a non-finite number
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    /**
     * Writes the JSON text of {@code value} to {@code file}, creating its directory.
     *
     * @param file the file
     * @param value as for {@link #write(Object)}
     */
    static void writeFile(Path file, Object value) {
        writeText(file, write(value));
    }

    /**
     * Writes a text file (the Markdown tables next to the JSON), creating its directory.
     *
     * @param file the file
     * @param text its content
     */
    static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(d);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof CharSequence s) {
            string(s, out);
        } else if (value instanceof Map<?, ?> map) {
            container(map.entrySet().iterator(), '{', '}', out, indent, (e, o, i) -> {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                string(String.valueOf(entry.getKey()), o);
                o.append(": ");
                write(entry.getValue(), o, i);
            });
        } else if (value instanceof Collection<?> list) {
            container(list.iterator(), '[', ']', out, indent, Json::write);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private interface ElementWriter {
        void write(Object element, StringBuilder out, String indent);
    }

    private static void container(Iterator<?> it, char open, char close, StringBuilder out, String indent, ElementWriter element) {
        out.append(open);
        if (!it.hasNext()) {
            out.append(close);
            return;
        }
        String inner = indent + "  ";
        while (it.hasNext()) {
            out.append('\n').append(inner);
            element.write(it.next(), out, inner);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append(indent).append(close);
    }

    private static void string(CharSequence s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
