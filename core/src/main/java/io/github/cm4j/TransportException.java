package io.github.cm4j;

import java.util.Optional;

/**
 * The transport could not carry a call: the connection failed or broke, authentication failed, or a
 * deadline passed. Subclasses say which. The host is named when known; credentials never are.
 */
public class TransportException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The remote host, or null when not applicable. */
    private final String host;

    /**
     * Creates a transport failure.
     *
     * @param message what failed, naming the operation and target
     * @param host the remote host, or null when not applicable (e.g. the embedded simulator)
     * @param cause the underlying failure, or null
     */
    public TransportException(String message, String host, Throwable cause) {
        super(host == null ? message : message + " [host " + host + "]", cause);
        this.host = host;
    }

    /**
     * The host the transport talked to.
     *
     * @return the remote host, when known (empty for the embedded simulator)
     */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }
}
