package io.github.cm4j.recording;

import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.TransportDecorator;
import io.github.cm4j.spi.WmiTransport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code record=FILE} option of every transport ({@link TransportDecorator}, found with ServiceLoader): writes
 * each call and answer as JSON Lines to FILE. Options: {@code redact=hosts,users,sites,text} (stable tokens within a
 * file), {@code recordmax=SIZE} (bytes per file before rotation, {@code k}/{@code m}/{@code g} suffixes, default
 * {@value #DEFAULT_MAX_TEXT}), {@code recordfiles=N} (files kept, the current one included, 1..100, default
 * {@value #DEFAULT_FILES}). Replay the file with the {@code replay:FILE} transport ({@link ReplayTransportProvider}).
 * Credentials are never written. Stateless and thread-safe.
 */
public final class RecordingDecorator implements TransportDecorator {
    /** Default size bound of one file, as text. */
    public static final String DEFAULT_MAX_TEXT = "256m";
    /** Default number of files kept. */
    public static final int DEFAULT_FILES = 5;

    /** Creates the decorator (cheap; nothing is opened until {@link #decorate}). */
    public RecordingDecorator() {
    }

    @Override
    public String option() {
        return "record";
    }

    @Override
    public Set<String> relatedOptions() {
        return Set.of("redact", "recordmax", "recordfiles");
    }

    @Override
    public void validate(Map<String, String> options) {
        String file = options.get("record");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("record= needs a file name, e.g. record=site.jsonl");
        }
        size(options.getOrDefault("recordmax", DEFAULT_MAX_TEXT));
        count(options.getOrDefault("recordfiles", Integer.toString(DEFAULT_FILES)));
        Redactor.Category.parse(options.get("redact"));
    }

    @Override
    public WmiTransport decorate(WmiTransport transport, TransportConfig config, Map<String, String> options) {
        String file = options.get("record");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("record= needs a file name, e.g. record=site.jsonl");
        }
        long max = size(options.getOrDefault("recordmax", DEFAULT_MAX_TEXT));
        int files = count(options.getOrDefault("recordfiles", Integer.toString(DEFAULT_FILES)));
        Redactor redactor = new Redactor(Redactor.Category.parse(options.get("redact")));
        redactor.host(config.uri().getHost());
        if (!config.credentials().isNone()) {
            redactor.user(config.credentials().account());
        }
        redactor.namespace(transport.defaultNamespace());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("scheme", String.valueOf(config.uri().getScheme()));
        header.put("target", config.uri().toString());
        header.put("account", config.credentials().isNone() ? "" : config.credentials().account());
        header.put("namespace", transport.defaultNamespace());
        Set<String> caps = new TreeSet<>();
        for (Capability c : transport.capabilities()) {
            caps.add(c.name());
        }
        header.put("capabilities", caps);
        header.put("redact", redactor.categories().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        return new RecordingTransport(transport, new RecordingWriter(Path.of(file), max, files, redactor, header));
    }

    static long size(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            mult = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t) * mult;
            if (n >= 4096) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("recordmax=" + text + " is not a size of at least 4k (e.g. 64m, 1g)");
    }

    static int count(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("recordfiles=" + text + " is not a number of files (1..100)");
    }

    @Override
    public String toString() {
        return "RecordingDecorator[record=FILE]";
    }
}
