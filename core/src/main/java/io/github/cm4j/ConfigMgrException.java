package io.github.cm4j;

/**
 * Root of every exception cm4j throws. All cm4j exceptions are unchecked.
 *
 * <p>The branches are: {@link TransportException} (connect, authentication, timeout),
 * {@link WmiException} (the provider answered with a WBEM error code), {@link MethodFailedException}
 * (a provider method returned a non-zero {@code ReturnValue}), {@link MappingException} (a value does not
 * fit the expected type) and {@link ParseException} (text that cm4j parses, such as MOF, WQL, object paths
 * and CIM datetimes, is malformed). Messages name the operation, the target and the code; they never
 * contain a secret.
 */
public class ConfigMgrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming operation and target
     */
    public ConfigMgrException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming operation and target
     * @param cause the underlying failure
     */
    public ConfigMgrException(String message, Throwable cause) {
        super(message, cause);
    }
}
