package io.github.cm4j.spi;

import io.github.cm4j.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a transport needs to open a connection: the URI, the credentials and the default deadlines and
 * batch size. Immutable; {@code toString} redacts the credentials.
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

    /** Validates the components. */
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
     * @param uri the connection URI
     * @param credentials the credentials
     * @return a config with the default deadlines and batch size
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
}
