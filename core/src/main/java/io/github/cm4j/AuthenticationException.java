package io.github.cm4j;

/**
 * The provider rejected the credentials, or the required authentication level (packet integrity or
 * privacy for DCOM) could not be negotiated. The message names the user, never the secret.
 */
public class AuthenticationException extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an authentication failure.
     *
     * @param message what failed, naming the user and target
     * @param host the remote host, or null
     * @param cause the underlying failure, or null
     */
    public AuthenticationException(String message, String host, Throwable cause) {
        super(message, host, cause);
    }
}
