package io.github.cm4j.spi;

import java.time.Duration;

/**
 * Options of a query: enumerations stream in batches, so memory stays bounded whatever the result size.
 *
 * @param batchSize objects fetched per round trip (1..100000)
 * @param timeout the deadline of each round trip (the query itself and every batch fetch)
 */
public record QueryOptions(int batchSize, Duration timeout) {

    /** Validates the components. */
    public QueryOptions {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be 1..100000, got " + batchSize);
        }
        TransportConfig.requirePositive(timeout, "timeout");
    }

    /** @return the default batch size and deadline */
    public static QueryOptions defaults() {
        return new QueryOptions(TransportConfig.DEFAULT_BATCH_SIZE, TransportConfig.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * @param size objects per round trip
     * @return a copy with that batch size
     */
    public QueryOptions withBatchSize(int size) {
        return new QueryOptions(size, timeout);
    }

    /**
     * @param deadline the deadline of each round trip
     * @return a copy with that deadline
     */
    public QueryOptions withTimeout(Duration deadline) {
        return new QueryOptions(batchSize, deadline);
    }

    /** @return the deadline as call options */
    public CallOptions callOptions() {
        return new CallOptions(timeout);
    }
}
