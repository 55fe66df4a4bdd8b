package io.github.cm4j.spi;

import java.time.Duration;

/**
 * Options of a query: enumerations stream in batches, so memory stays bounded whatever the result size.
 * Immutable and thread-safe.
 *
 * @param batchSize objects fetched per round trip (1..100000)
 * @param timeout the deadline of each round trip (the query itself and every batch fetch)
 */
public record QueryOptions(int batchSize, Duration timeout) {

    /**
     * Creates query options.
     *
     * @param batchSize objects fetched per round trip (1..100000)
     * @param timeout the deadline of each round trip; positive
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code batchSize} is out of range or {@code timeout} is not positive
     */
    public QueryOptions {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be 1..100000, got " + batchSize);
        }
        TransportConfig.requirePositive(timeout, "timeout");
    }

    /**
     * Returns the default options.
     *
     * @return options with {@link TransportConfig#DEFAULT_BATCH_SIZE} and {@link TransportConfig#DEFAULT_CALL_TIMEOUT}
     */
    public static QueryOptions defaults() {
        return new QueryOptions(TransportConfig.DEFAULT_BATCH_SIZE, TransportConfig.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Returns a copy with another batch size.
     *
     * @param size objects per round trip (1..100000)
     * @return a copy with that batch size
     * @throws IllegalArgumentException if {@code size} is out of range
     */
    public QueryOptions withBatchSize(int size) {
        return new QueryOptions(size, timeout);
    }

    /**
     * Returns a copy with another deadline.
     *
     * @param deadline the deadline of each round trip; positive
     * @return a copy with that deadline
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public QueryOptions withTimeout(Duration deadline) {
        return new QueryOptions(batchSize, deadline);
    }

    /**
     * Returns the per-round-trip deadline as options of a single call.
     *
     * @return call options with this query's {@link #timeout()}
     */
    public CallOptions callOptions() {
        return new CallOptions(timeout);
    }

    /** @return e.g. {@code QueryOptions[batchSize=100, timeout=1 min]} (a human duration, not ISO-8601) */
    @Override
    public String toString() {
        return "QueryOptions[batchSize=" + batchSize + ", timeout=" + io.github.cm4j.Durations.human(timeout) + "]";
    }
}
