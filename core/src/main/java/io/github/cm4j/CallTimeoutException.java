package io.github.cm4j;

import java.time.Duration;

/**
 * A deadline passed: connecting, one remote call, or a long-running operation such as waiting for a
 * synchronization. The message names the operation and the deadline that passed.
 */
public class CallTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;
    /** The deadline that passed. */
    private final Duration timeout;

    /**
     * Creates the exception; the message is {@code "<operation> timed out after <timeout>"}.
     *
     * @param operation what timed out, e.g. {@code "ExecQuery SELECT * FROM SMS_SoftwareUpdate"}
     * @param timeout the deadline that passed
     * @param host the remote host, or null
     * @param cause the underlying failure, or null
     */
    public CallTimeoutException(String operation, Duration timeout, String host, Throwable cause) {
        super(operation + " timed out after " + Durations.human(timeout), host, cause);
        this.timeout = timeout;
    }

    /**
     * The deadline that passed, e.g. to retry with a longer one.
     *
     * @return the deadline
     */
    public Duration timeout() {
        return timeout;
    }
}
