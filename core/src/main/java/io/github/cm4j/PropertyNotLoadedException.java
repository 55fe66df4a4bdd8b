package io.github.cm4j;

/**
 * A lazy property of a typed model was read although it was never loaded. The SMS Provider leaves lazy
 * properties (such as {@code SMS_SoftwareUpdate.LocalizedEulas}) NULL in query results; reading the object
 * by its path (a GetObject) loads them. The message names the property, the object and how to load it.
 */
public class PropertyNotLoadedException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the property, the object and how to load it
     */
    public PropertyNotLoadedException(String message) {
        super(message);
    }
}
