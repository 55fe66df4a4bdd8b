package io.github.cm4j.spi;

import java.time.Duration;

/**
 * Options of one remote call.
 *
 * @param timeout the deadline of the call; the transport fails the call with
 *                {@link io.github.cm4j.CallTimeoutException} when it passes
 */
public record CallOptions(Duration timeout) {

    /** Validates the components. */
    public CallOptions {
        TransportConfig.requirePositive(timeout, "timeout");
    }

    /**
     * @param timeout the deadline
     * @return options with that deadline
     */
    public static CallOptions timeout(Duration timeout) {
        return new CallOptions(timeout);
    }

    /** @return options with the default call deadline ({@link TransportConfig#DEFAULT_CALL_TIMEOUT}) */
    public static CallOptions defaults() {
        return new CallOptions(TransportConfig.DEFAULT_CALL_TIMEOUT);
    }
}
