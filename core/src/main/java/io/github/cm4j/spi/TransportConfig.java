package io.github.cm4j.spi;

import io.github.cm4j.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a transport needs to open a connection: the URI, the credentials and the default deadlines and
 * batch size. Immutable and thread-safe; {@code toString} redacts the credentials.
 *
 * @param uri the connection URI, e.g. {@code memory:demo} or {@code dcom://host/PS1}
 * @param credentials the credentials ({@link Credentials#none()} when none)
 * @param connectTimeout the deadline for connecting and authenticating
 * @param callTimeout the default deadline of one remote call
 * @param batchSize the default number of objects fetched per round trip when enumerating
 */
public record TransportConfig(URI uri, Credentials credentials, Duration connectTimeout, Duration callTimeout,
                              int batchSize) {

    /** Default deadline for connecting. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Default deadline of one remote call. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Default enumeration batch size. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /**
     * Creates a transport configuration.
     *
     * @param uri the connection URI
     * @param credentials the credentials ({@link Credentials#none()} when none)
     * @param connectTimeout the deadline for connecting and authenticating; positive
     * @param callTimeout the default deadline of one remote call; positive
     * @param batchSize the default enumeration batch size (1..100000)
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a deadline is not positive or {@code batchSize} is out of range
     */
    public TransportConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(credentials, "credentials");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be 1..100000, got " + batchSize);
        }
    }

    /**
     * Returns a configuration with the default deadlines and batch size.
     *
     * @param uri the connection URI
     * @param credentials the credentials ({@link Credentials#none()} when none)
     * @return a config with {@link #DEFAULT_CONNECT_TIMEOUT}, {@link #DEFAULT_CALL_TIMEOUT} and
     *         {@link #DEFAULT_BATCH_SIZE}
     * @throws NullPointerException if an argument is null
     */
    public static TransportConfig of(URI uri, Credentials credentials) {
        return new TransportConfig(uri, credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_CALL_TIMEOUT, DEFAULT_BATCH_SIZE);
    }

    static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * @return e.g. {@code TransportConfig[uri=memory:demo, credentials=..., connectTimeout=30 s, callTimeout=1 min,
     *     batchSize=100]}; the credentials as their own (redacted) {@code toString}, durations for people
     */
    @Override
    public String toString() {
        return "TransportConfig[uri=" + uri + ", credentials=" + credentials + ", connectTimeout="
                + io.github.cm4j.Durations.human(connectTimeout) + ", callTimeout="
                + io.github.cm4j.Durations.human(callTimeout) + ", batchSize=" + batchSize + "]";
    }
}
