package io.github.cm4j;

/**
 * No transport on the class path handles the URI's scheme. The message names the artifact to add
 * (for example {@code io.github.cm4j:cm4j-simulator} for {@code memory:}).
 */
public class TransportNotFoundException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the scheme, the transports found, and the artifact to add
     */
    public TransportNotFoundException(String message) {
        super(message);
    }
}
