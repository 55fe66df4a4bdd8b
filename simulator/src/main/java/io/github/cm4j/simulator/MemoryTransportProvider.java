package io.github.cm4j.simulator;

import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code memory:} transport: the embedded simulated SMS Provider. Found by {@link java.util.ServiceLoader}.
 *
 * <p>URIs: {@code memory:demo} (a central administration site CAS with primaries PS1 and PS2, current
 * branch), {@code memory:demo?version=2007} (ConfigMgr 2007 SP2: top primary CEN with child PS1),
 * {@code memory:empty} (one primary site PS1 without updates), or {@code memory:<name>} for a provider
 * {@link SimulatedProvider#register(String) registered} under that name. Parameters: {@code site=PS1} picks
 * the default namespace; for {@code demo} and {@code empty} also {@code version=2007|current},
 * {@code updates=N} (catalog size) and {@code seed=N}. Each {@code open} of {@code demo} or {@code empty}
 * builds a fresh hierarchy (deterministic for its seed); a registered provider is shared.
 */
public final class MemoryTransportProvider implements WmiTransportProvider {
    /** The URI scheme. */
    public static final String SCHEME = "memory";
    /**
     * Simulated seconds per real second of the clock of {@code memory:demo} and {@code memory:empty} unless
     * {@code speed=} says otherwise ({@code speed=0}: a clock that stands still): a synchronization, 4
     * simulated minutes, completes in about 4 seconds.
     */
    public static final long DEFAULT_SPEED = 60;
    private static final Set<String> PARAMETERS = Set.of("site", "version", "updates", "seed", "speed", "content", "nosup");

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public MemoryTransportProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public WmiTransport open(TransportConfig config) {
        Parsed p = parse(config.uri());
        SimulatedProvider sim;
        if (p.name().equals("demo") || p.name().equals("empty")) {
            SimulatedProvider.Builder b = SimulatedProvider.builder();
            if (p.params().containsKey("version")) {
                b.version(ProviderVersion.parse(p.params().get("version")));
            }
            if (p.name().equals("empty")) {
                b.topSite("PS1", "Primary Site 1").catalogSize(0);
            }
            if (p.params().containsKey("updates")) {
                b.catalogSize(number(p.params().get("updates"), "updates", config.uri()));
            }
            if (p.params().containsKey("seed")) {
                b.seed(number(p.params().get("seed"), "seed", config.uri()));
            }
            if (p.params().containsKey("content")) {
                String c = p.params().get("content");
                if (!c.equalsIgnoreCase("loopback") && !c.equalsIgnoreCase("catalog")) {
                    throw new IllegalArgumentException(config.uri() + ": content=" + c + " is not loopback or catalog");
                }
                b.contentServer(c.equalsIgnoreCase("loopback"));
            }
            if (p.params().containsKey("nosup")) {
                // nosup=CAS or nosup=PS1,PS2: sites without an active software update point
                for (String code : p.params().get("nosup").split(",")) {
                    b.withoutSoftwareUpdatePoint(code.strip());
                }
            }
            long speed = p.params().containsKey("speed") ? number(p.params().get("speed"), "speed", config.uri())
                    : DEFAULT_SPEED;
            b.clock(speed == 0 ? SimulatedClock.standard() : SimulatedClock.running(SimulatedClock.DEFAULT_START, speed));
            try {
                sim = b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config.uri() + ": " + e.getMessage(), e);
            }
        } else {
            sim = SimulatedProvider.registered(p.name());
            if (sim == null) {
                throw new IllegalArgumentException("unknown simulated hierarchy '" + p.name() + "' in " + config.uri()
                        + "; use memory:demo, memory:demo?version=2007, memory:empty, or register a SimulatedProvider"
                        + " under that name");
            }
            if (p.params().keySet().stream().anyMatch(k -> !k.equals("site"))) {
                throw new IllegalArgumentException(config.uri() + ": a registered hierarchy takes only the site"
                        + " parameter; build the provider with SimulatedProvider.builder() to change the rest");
            }
        }
        String site = p.params().get("site");
        SimulatedSite chosen;
        try {
            chosen = site == null ? sim.topSite() : sim.site(site);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.uri() + ": " + e.getMessage(), e);
        }
        return new MemoryTransport(sim, chosen, config.uri().toString());
    }

    private static int number(String text, String name, URI uri) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(uri + ": parameter " + name + " must be a whole number, not '" + text + "'");
        }
    }

    /** A parsed {@code memory:} URI. */
    record Parsed(String name, Map<String, String> params) {
    }

    /**
     * @param uri a {@code memory:} URI
     * @return its name and parameters
     * @throws IllegalArgumentException when it is not a valid memory URI, saying why
     */
    static Parsed parse(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(SCHEME)) {
            throw new IllegalArgumentException(uri + " is not a memory: URI");
        }
        String rest = uri.getRawSchemeSpecificPart();
        if (rest == null || rest.isEmpty()) {
            throw new IllegalArgumentException("memory: URI " + uri + " names no hierarchy; use memory:demo,"
                    + " memory:demo?version=2007 or memory:empty");
        }
        if (rest.startsWith("//")) {
            throw new IllegalArgumentException("write memory:" + rest.substring(2) + " rather than " + uri
                    + " (memory: URIs have no host)");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String name = checkName(decode(rest));
        Map<String, String> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(uri + ": parameter '" + pair + "' is not name=value");
                }
                String k = decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (!PARAMETERS.contains(k)) {
                    throw new IllegalArgumentException(uri + ": unknown parameter '" + k + "'; known: site, version,"
                            + " updates, seed");
                }
                if (params.put(k, decode(pair.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException(uri + ": parameter '" + k + "' is given twice");
                }
            }
        }
        return new Parsed(name, params);
    }

    static String checkName(String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("'" + name + "' is not a simulated hierarchy name (letters, digits,"
                    + " '-' and '_')");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
