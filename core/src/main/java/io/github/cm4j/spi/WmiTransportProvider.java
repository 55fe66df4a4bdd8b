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

    /**
     * The transport-level checks of {@code ConfigMgr.diagnose()} and {@code cm4j doctor}, in the order they should
     * run (e.g. name resolution, TCP reachability, activation, authentication for {@code dcom://}; HTTP, TLS and
     * Negotiate for an HTTP transport). Called once per diagnosis; the steps of the returned list may share state.
     * Core runs them before it opens a session and runs its ConfigMgr-level checks. The default contributes none.
     *
     * @param config the URI, credentials and deadlines the user gave; the URI may carry options that
     *               {@link #open} would refuse (the steps then explain why)
     * @return the steps; empty when the transport has nothing to check below the session
     */
    default java.util.List<DiagnosticStep> diagnostics(TransportConfig config) {
        return java.util.List.of();
    }
}
