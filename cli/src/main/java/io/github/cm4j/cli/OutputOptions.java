package io.github.cm4j.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The output options every listing command shares (../shared/design/CLI.md): {@code --format table|list|json|csv},
 * {@code --json} (= {@code --format json}) and {@code --wide}. A picocli mixin.
 */
final class OutputOptions {
    /** The output formats. */
    enum Format {
        /** Aligned columns fitted to the terminal's width. */
        TABLE,
        /** One {@code name: value} per line, a blank line between objects (PowerShell's Format-List). */
        LIST,
        /** JSON Lines: one object per line. */
        JSON,
        /** RFC 4180 comma-separated values with a header line. */
        CSV
    }

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, list, json or csv (default: table).")
    Format format;

    @Option(names = "--json", description = "JSON Lines, one object per line (the same as --format json).")
    boolean json;

    @Option(names = "--wide", description = "Tables: show every column at full width instead of fitting the terminal.")
    boolean wide;

    /** The environment the width is read from; tests replace it. */
    static Map<String, String> environment = System.getenv();

    /** @return the chosen format ({@code --json} wins over {@code --format}) */
    Format format() {
        if (json) {
            return Format.JSON;
        }
        return format == null ? Format.TABLE : format;
    }

    /** @return whether the output is JSON */
    boolean isJson() {
        return format() == Format.JSON;
    }

    /**
     * The width tables must fit: {@code COLUMNS} when set, else the terminal's width when standard output is a
     * terminal, else no limit (0). {@code --wide} always means no limit.
     *
     * @return the width in characters, 0 for no limit
     */
    int width() {
        if (wide) {
            return 0;
        }
        String columns = environment.get("COLUMNS");
        if (columns != null && columns.trim().matches("\\d{1,4}")) {
            return Math.max(20, Integer.parseInt(columns.trim()));
        }
        return Target.interactive() ? terminalWidth() : 0;
    }

    /** @return the terminal's width as {@code stty size} reports it, 80 when it cannot be read */
    private static int terminalWidth() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return 120;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            if (!p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 80;
            }
            String[] parts = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts.length == 2 && parts[1].matches("\\d{1,4}") ? Math.max(20, Integer.parseInt(parts[1])) : 80;
        } catch (java.io.IOException e) {
            return 80;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 80;
        }
    }
}
