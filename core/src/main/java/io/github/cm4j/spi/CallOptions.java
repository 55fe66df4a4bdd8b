package io.github.cm4j.spi;

import java.time.Duration;

/**
 * Options of one remote call. Immutable and thread-safe.
 *
 * @param timeout the deadline of the call; the transport fails the call with
 *                {@link io.github.cm4j.CallTimeoutException} when it passes
 */
public record CallOptions(Duration timeout) {

    /**
     * Creates call options.
     *
     * @param timeout the deadline of the call; positive
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public CallOptions {
        TransportConfig.requirePositive(timeout, "timeout");
    }

    /**
     * Returns call options with the given deadline.
     *
     * @param timeout the deadline; positive
     * @return options with that deadline
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static CallOptions timeout(Duration timeout) {
        return new CallOptions(timeout);
    }

    /**
     * Returns call options with the default deadline.
     *
     * @return options with the default call deadline ({@link TransportConfig#DEFAULT_CALL_TIMEOUT})
     */
    public static CallOptions defaults() {
        return new CallOptions(TransportConfig.DEFAULT_CALL_TIMEOUT);
    }

    /** @return e.g. {@code CallOptions[timeout=1 min]} (a human duration, not ISO-8601) */
    @Override
    public String toString() {
        return "CallOptions[timeout=" + io.github.cm4j.Durations.human(timeout) + "]";
    }
}
