package io.github.cm4j;

import java.util.Optional;

/**
 * The transport could not carry a call: the connection failed or broke, authentication failed, or a
 * deadline passed. Subclasses say which. The host is named when known; credentials never are.
 */
public class TransportException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    private final String host;

    /**
     * @param message what failed, naming the operation and target
     * @param host the remote host, or null when not applicable (e.g. the embedded simulator)
     * @param cause the underlying failure, or null
     */
    public TransportException(String message, String host, Throwable cause) {
        super(host == null ? message : message + " [host " + host + "]", cause);
        this.host = host;
    }

    /** @return the remote host, when known */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }
}
