package io.github.cm4j.spi;

/**
 * Creates transports for one URI scheme. Found with {@link java.util.ServiceLoader}; must have a public
 * no-argument constructor and be cheap to construct (work belongs in {@link #open}). Exactly one provider
 * per scheme may be on the class path; {@code ConfigMgr.connect} fails fast when two claim a scheme.
 * Implementations are thread-safe: one provider instance may open transports from several threads.
 */
public interface WmiTransportProvider {

    /**
     * The URI scheme this provider handles; compared case-insensitively.
     *
     * @return the scheme, lower case, without the colon: {@code "memory"}, {@code "dcom"}
     */
    String scheme();

    /**
     * Opens a transport: connects and authenticates, honouring the connect deadline of the config.
     *
     * @param config the URI, credentials and options
     * @return an open transport; the caller closes it
     * @throws io.github.cm4j.TransportException when connecting or authenticating fails or times out
     * @throws IllegalArgumentException when the URI is not valid for this scheme (the message says why)
     */
    WmiTransport open(TransportConfig config);
}
