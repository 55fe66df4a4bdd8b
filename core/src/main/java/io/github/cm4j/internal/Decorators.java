package io.github.cm4j.internal;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.TransportNotFoundException;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.TransportDecorator;
import io.github.cm4j.spi.WmiTransport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The generic URI options handled by {@link TransportDecorator}s: split off the URI before the transport sees it,
 * applied after it opened. The options core knows (so it can strip them and name the artifact when no decorator is
 * on the class path) are listed here; a new decorator adds its options to {@link #KNOWN}.
 */
public final class Decorators {
    /** Option to the artifact that handles it. */
    private static final Map<String, String> KNOWN = Map.of("record", "io.github.cm4j:cm4j-recording");
    /** Related option to the option it belongs to. */
    private static final Map<String, String> RELATED = Map.of("redact", "record", "recordmax", "record", "recordfiles", "record");

    private Decorators() {
    }

    /**
     * A URI without the decorator options, and those options.
     *
     * @param uri the URI for the transport
     * @param options decorator options by lower-case name
     */
    public record Split(URI uri, Map<String, String> options) {
    }

    /**
     * Splits the decorator options off a URI (hierarchical {@code dcom://h/P?a=b} and opaque {@code memory:demo?a=b}).
     *
     * @param uri the URI as given
     * @param extra options given through the builder (they win over the URI's)
     * @return the URI for the transport and the decorator options
     */
    public static Split split(URI uri, Map<String, String> extra) {
        String s = uri.toString();
        int q = s.indexOf('?');
        int hash = s.indexOf('#');
        Map<String, String> options = new LinkedHashMap<>();
        if (q < 0) {
            options.putAll(extra);
            return new Split(uri, options);
        }
        String query = s.substring(q + 1, hash > q ? hash : s.length());
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (KNOWN.containsKey(key) || RELATED.containsKey(key)) {
                options.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } else if (!pair.isEmpty()) {
                kept.add(pair);
            }
        }
        options.putAll(extra);
        String rebuilt = s.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)) + (hash > q ? s.substring(hash) : "");
        return new Split(URI.create(rebuilt), options);
    }

    /**
     * Checks the decorator options before the transport is opened: options that need another, decorators that are
     * not on the class path, and each decorator's own values ({@link TransportDecorator#validate}).
     *
     * @param options the decorator options ({@link Split#options()})
     * @param loader where to look for decorators
     * @throws IllegalArgumentException when an option or its value is invalid
     * @throws TransportNotFoundException when an option's decorator is not on the class path (names the artifact)
     */
    public static void validate(Map<String, String> options, ClassLoader loader) {
        if (options.isEmpty()) {
            return;
        }
        for (String k : options.keySet()) {
            String owner = RELATED.get(k);
            if (owner != null && !options.containsKey(owner)) {
                throw new IllegalArgumentException(k + "= only applies together with " + owner + "=FILE");
            }
        }
        for (Map.Entry<String, String> e : KNOWN.entrySet()) {
            if (!options.containsKey(e.getKey())) {
                continue;
            }
            TransportDecorator d = find(e.getKey(), loader);
            if (d == null) {
                throw new TransportNotFoundException("the option " + e.getKey() + "= needs the artifact " + e.getValue()
                        + " on the class path");
            }
            d.validate(own(d, e.getKey(), options));
        }
    }

    private static Map<String, String> own(TransportDecorator d, String option, Map<String, String> options) {
        Map<String, String> own = new LinkedHashMap<>();
        Set<String> related = d.relatedOptions();
        options.forEach((k, v) -> {
            if (k.equals(option) || related.contains(k)) {
                own.put(k, v);
            }
        });
        return own;
    }

    /**
     * Wraps an opened transport in the decorators its options name (checked first by {@link #validate}).
     *
     * @param transport the opened transport
     * @param config its configuration
     * @param options the decorator options ({@link Split#options()})
     * @param loader where to look for decorators
     * @return the transport, wrapped as asked
     * @throws TransportNotFoundException when an option's decorator is not on the class path (names the artifact);
     *     the transport is closed then
     */
    public static WmiTransport apply(WmiTransport transport, TransportConfig config, Map<String, String> options, ClassLoader loader) {
        if (options.isEmpty()) {
            return transport;
        }
        for (String k : options.keySet()) {
            String owner = RELATED.get(k);
            if (owner != null && !options.containsKey(owner)) {
                transport.close();
                throw new IllegalArgumentException(k + "= only applies together with " + owner + "=FILE");
            }
        }
        WmiTransport result = transport;
        try {
            for (Map.Entry<String, String> e : KNOWN.entrySet()) {
                if (!options.containsKey(e.getKey())) {
                    continue;
                }
                TransportDecorator d = find(e.getKey(), loader);
                if (d == null) {
                    throw new TransportNotFoundException("the option " + e.getKey() + "= needs the artifact " + e.getValue()
                            + " on the class path");
                }
                Map<String, String> own = new LinkedHashMap<>();
                Set<String> related = d.relatedOptions();
                options.forEach((k, v) -> {
                    if (k.equals(e.getKey()) || related.contains(k)) {
                        own.put(k, v);
                    }
                });
                result = d.decorate(result, config, own);
            }
            return result;
        } catch (RuntimeException ex) {
            result.close();
            throw ex;
        }
    }

    private static TransportDecorator find(String option, ClassLoader loader) {
        try {
            for (TransportDecorator d : ServiceLoader.load(TransportDecorator.class, loader)) {
                if (d.option().equalsIgnoreCase(option)) {
                    return d;
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigMgrException("a cm4j transport decorator on the class path could not be loaded: " + e.getMessage(), e);
        }
        return null;
    }
}
