package io.github.cm4j.updates;

import io.github.cm4j.ConfigMgrException;

/**
 * A content file could not be downloaded and verified ({@link SoftwareUpdates#downloadContent}): the server
 * answered with an error, the connection broke, the size or the documented hash did not match, or the deadline
 * passed. Nothing is left under the file's final name. The message names the file, the host and the reason.
 */
public final class ContentDownloadException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The content file's name. */
    private final String fileName;

    /**
     * @param fileName the content file's name
     * @param message what failed, naming file, host and reason
     * @param cause the underlying failure, or null
     */
    public ContentDownloadException(String fileName, String message, Throwable cause) {
        super(message, cause);
        this.fileName = fileName;
    }

    /** {@return the content file's name} */
    public String fileName() {
        return fileName;
    }
}
