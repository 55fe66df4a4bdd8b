package io.github.cm4j.adminservice.internal;

import io.github.cm4j.WbemStatus;

/**
 * A request the loopback service refuses, with the HTTP status and the WBEM status it answers with. Internal:
 * the server turns it into an OData error document ({@code {"error":{"code":...,"message":...}}}, OData JSON
 * Format 4.01 section 21); clients never see this type.
 */
public final class ODataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final transient WbemStatus status;

    /**
     * @param httpStatus the HTTP status of the answer
     * @param status the WBEM status the error document carries
     * @param message what is wrong
     */
    public ODataException(int httpStatus, WbemStatus status, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
    }

    /** @return the HTTP status */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the WBEM status */
    public WbemStatus status() {
        return status;
    }
}
