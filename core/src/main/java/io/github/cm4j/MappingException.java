package io.github.cm4j;

/**
 * A value does not fit the type it is read or written as: a CIM value read as the wrong Java type, an
 * integer out of range for its CIM type, a WMI object that does not fit a typed model, a typed model that
 * cannot be written back safely.
 */
public class MappingException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a mapping error.
     *
     * @param message names the class, property, expected and actual type where known
     */
    public MappingException(String message) {
        super(message);
    }

    /**
     * Creates a mapping error with a cause.
     *
     * @param message names the class, property, expected and actual type where known
     * @param cause the underlying failure
     */
    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
