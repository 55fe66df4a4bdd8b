package io.github.cm4j;

/** A connection to the provider could not be made, or broke during a call. */
public class ConnectionException extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a connection failure.
     *
     * @param message what failed, naming the operation and target
     * @param host the remote host, or null
     * @param cause the underlying failure, or null
     */
    public ConnectionException(String message, String host, Throwable cause) {
        super(message, host, cause);
    }
}
