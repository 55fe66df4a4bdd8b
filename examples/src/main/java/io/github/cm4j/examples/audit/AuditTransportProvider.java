package io.github.cm4j.examples.audit;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code audit:} scheme: {@code audit:<another cm4j URI>}, e.g. {@code audit:memory:demo} or
 * {@code audit:dcom://cm01.lab.local/CAS}, connects to the other URI and writes an audit trail of every change
 * made through it (see {@link AuditTransport}).
 *
 * <p>Found by {@code ConfigMgr.connect} like any transport: the class is listed in
 * {@code META-INF/services/io.github.cm4j.spi.WmiTransportProvider} and has a public no-argument constructor
 * (which sends the trail to standard error). Code that wants the trail elsewhere passes a provider built with
 * {@link #AuditTransportProvider(Consumer)} to {@code ConfigMgr.builder().provider(...)}.
 */
public final class AuditTransportProvider implements WmiTransportProvider {
    /** The URI scheme. */
    public static final String SCHEME = "audit";

    private final Consumer<String> trail;

    /** A provider whose transports write their audit trail to standard error, one {@code audit: ...} line a change. */
    public AuditTransportProvider() {
        this(line -> System.err.println(SCHEME + ": " + line));
    }

    /** @param trail receives one line per change, on the calling thread */
    public AuditTransportProvider(Consumer<String> trail) {
        this.trail = Objects.requireNonNull(trail, "trail");
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * Connects to the URI after {@code audit:}, with this config's credentials and deadlines, through whichever
     * transport handles its scheme.
     *
     * @throws IllegalArgumentException when nothing follows {@code audit:}, or another {@code audit:}
     */
    @Override
    public WmiTransport open(TransportConfig config) {
        String inner = config.uri().getRawSchemeSpecificPart();
        if (inner == null || inner.isBlank() || inner.startsWith("//")) {
            throw new IllegalArgumentException("an audit URI names the target after 'audit:', e.g. audit:memory:demo or"
                    + " audit:dcom://server/SITE; got " + config.uri());
        }
        if (inner.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1)) {
            throw new IllegalArgumentException("audit: of audit: would write every line twice: " + config.uri());
        }
        // The public entry point finds the inner transport by its scheme, as for any cm4j URI.
        ConfigMgr target = ConfigMgr.builder().uri(inner).credentials(config.credentials())
                .connectTimeout(config.connectTimeout()).callTimeout(config.callTimeout()).batchSize(config.batchSize())
                .connect();
        return new AuditTransport(target.transport(), trail);
    }

    @Override
    public String toString() {
        return "AuditTransportProvider[" + SCHEME + ":]";
    }
}
