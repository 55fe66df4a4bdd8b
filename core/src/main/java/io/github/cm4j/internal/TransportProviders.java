package io.github.cm4j.internal;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.TransportNotFoundException;
import io.github.cm4j.spi.WmiTransportProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the transport provider for a URI scheme among those on the class path (ServiceLoader), failing
 * with a message that names the artifact to add, or fast when two providers claim one scheme.
 */
public final class TransportProviders {
    /** The cm4j artifacts that provide the well-known schemes, for the "add this artifact" message. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "memory", "io.github.cm4j:cm4j-simulator",
            "dcom", "io.github.cm4j:cm4j-wmi-transport");

    private TransportProviders() {
    }

    /**
     * @param uri a connection URI
     * @param loader the class loader to search
     * @return the one provider for the URI's scheme
     * @throws TransportNotFoundException when none handles it
     * @throws ConfigMgrException when several do
     */
    public static WmiTransportProvider forUri(URI uri, ClassLoader loader) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("connection URI " + uri + " has no scheme; use e.g. memory:demo or dcom://host/PS1");
        }
        return forScheme(scheme, discover(loader));
    }

    static WmiTransportProvider forScheme(String scheme, List<WmiTransportProvider> all) {
        String wanted = scheme.toLowerCase(Locale.ROOT);
        List<WmiTransportProvider> matching = new ArrayList<>();
        Map<String, String> available = new TreeMap<>();
        for (WmiTransportProvider p : all) {
            String s = p.scheme().toLowerCase(Locale.ROOT);
            available.merge(s, p.getClass().getName(), (a, b) -> a + ", " + b);
            if (s.equals(wanted)) {
                matching.add(p);
            }
        }
        if (matching.size() > 1) {
            throw new ConfigMgrException("several cm4j transports claim the scheme '" + wanted + ":' ("
                    + available.get(wanted) + "); keep exactly one of them on the class path");
        }
        if (matching.isEmpty()) {
            String artifact = KNOWN_ARTIFACTS.get(wanted);
            throw new TransportNotFoundException("no cm4j transport for the scheme '" + wanted + ":' is on the class path"
                    + (artifact != null ? "; add the artifact " + artifact : "; check the URI's scheme (memory:, dcom://), or put a transport that handles it on the class path")
                    + " (transports found: " + (available.isEmpty() ? "none" : String.join(", ", available.keySet())) + ")");
        }
        return matching.get(0);
    }

    private static List<WmiTransportProvider> discover(ClassLoader loader) {
        List<WmiTransportProvider> found = new ArrayList<>();
        try {
            for (WmiTransportProvider p : ServiceLoader.load(WmiTransportProvider.class, loader)) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigMgrException("a cm4j transport on the class path could not be loaded: " + e.getMessage(), e);
        }
        return found;
    }
}
