package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded fault and latency injection for reliability tests, in the spirit of retrofit-mock's
 * {@code NetworkBehavior}: every call of a transport may wait, fail with a WBEM error, or (for queries)
 * lose its connection in the middle of the enumeration. Decisions come from a seeded random sequence, so a
 * test sees the same faults on every run (for calls made in the same order). Thread-safe.
 *
 * <pre>{@code
 * Faults faults = Faults.builder().seed(7)
 *         .latency(Duration.ofMillis(5), Duration.ofMillis(20))
 *         .failureRate(0.1, WbemStatus.WBEM_E_SERVER_TOO_BUSY)
 *         .failAlways("PutInstance", WbemStatus.WBEM_E_ACCESS_DENIED)
 *         .dropEnumerationAfter(250)
 *         .build();
 * SimulatedProvider sim = SimulatedProvider.builder().faults(faults).build();
 * }</pre>
 */
public final class Faults {
    private static final Faults NONE = new Builder().build();

    /** A fault for every call of one operation (of one method, for ExecMethod, when method is not null). */
    private record Always(String operation, String method, WbemStatus status) {
    }

    private final SplittableRandom random;
    private final Duration minLatency;
    private final Duration maxLatency;
    private final double failureRate;
    private final WbemStatus failureStatus;
    private final List<Always> always;
    private final int dropAfter;

    private Faults(Builder b) {
        this.random = new SplittableRandom(b.seed);
        this.minLatency = b.minLatency;
        this.maxLatency = b.maxLatency;
        this.failureRate = b.failureRate;
        this.failureStatus = b.failureStatus;
        this.always = List.copyOf(b.always);
        this.dropAfter = b.dropAfter;
    }

    /** @return no faults and no latency (the default) */
    public static Faults none() {
        return NONE;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the latency of the next call */
    Duration nextLatency() {
        if (maxLatency.isZero()) {
            return Duration.ZERO;
        }
        long span = maxLatency.toNanos() - minLatency.toNanos();
        long extra;
        synchronized (random) {
            extra = span <= 0 ? 0 : random.nextLong(span + 1);
        }
        return minLatency.plusNanos(extra);
    }

    /**
     * @param operation {@code ExecQuery}, {@code GetObject}, ...
     * @param method the method of an ExecMethod, else null
     * @return the fault of the next call, or null
     */
    WbemStatus nextFailure(String operation, String method) {
        for (Always a : always) {
            if (a.operation().equalsIgnoreCase(operation) && (a.method() == null || a.method().equalsIgnoreCase(method))) {
                return a.status();
            }
        }
        if (failureRate <= 0) {
            return null;
        }
        synchronized (random) {
            return random.nextDouble() < failureRate ? failureStatus : null;
        }
    }

    /** @return after how many objects an enumeration loses its connection, or 0 for never */
    int dropAfter() {
        return dropAfter;
    }

    boolean isNone() {
        return this == NONE || (maxLatency.isZero() && failureRate <= 0 && always.isEmpty() && dropAfter == 0);
    }

    @Override
    public String toString() {
        return isNone() ? "Faults[none]" : String.format(Locale.ROOT, "Faults[latency %s..%s, failure rate %.3f (%s), always %s,"
                + " drop after %d]", minLatency, maxLatency, failureRate, failureStatus, always, dropAfter);
    }

    /** Builds {@link Faults}. Not thread-safe. */
    public static final class Builder {
        private long seed = 1;
        private Duration minLatency = Duration.ZERO;
        private Duration maxLatency = Duration.ZERO;
        private double failureRate;
        private WbemStatus failureStatus = WbemStatus.WBEM_E_SERVER_TOO_BUSY;
        private final List<Always> always = new ArrayList<>();
        private int dropAfter;

        private Builder() {
        }

        /** @param value the seed of the random decisions @return this builder */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Every call waits a uniformly random time in a range (a real wait; a call whose wait exceeds its
         * deadline fails with {@link io.github.cm4j.CallTimeoutException}).
         *
         * @param min the shortest wait
         * @param max the longest wait
         * @return this builder
         */
        public Builder latency(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency needs 0 <= min <= max, got " + min + ".." + max);
            }
            this.minLatency = min;
            this.maxLatency = max;
            return this;
        }

        /**
         * A share of all calls fails with a status.
         *
         * @param rate 0..1
         * @param status e.g. {@code WBEM_E_SERVER_TOO_BUSY} or {@code WBEM_E_ACCESS_DENIED}
         * @return this builder
         */
        public Builder failureRate(double rate, WbemStatus status) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("failure rate must be 0..1, got " + rate);
            }
            this.failureRate = rate;
            this.failureStatus = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Every call of one operation fails.
         *
         * @param operation {@code ExecQuery}, {@code GetObject}, {@code PutInstance}, {@code ExecMethod} or
         *     {@code DeleteInstance}
         * @param status the status it fails with
         * @return this builder
         */
        public Builder failAlways(String operation, WbemStatus status) {
            always.add(new Always(operation, null, Objects.requireNonNull(status, "status")));
            return this;
        }

        /**
         * Every call of one provider method fails (e.g. {@code CommitSCF}, to test what code does when a commit
         * fails after its edits were made).
         *
         * @param method the method name, e.g. {@code CommitSCF}
         * @param status the status it fails with
         * @return this builder
         */
        public Builder failMethod(String method, WbemStatus status) {
            always.add(new Always("ExecMethod", Objects.requireNonNull(method, "method"),
                    Objects.requireNonNull(status, "status")));
            return this;
        }

        /**
         * Query enumerations lose their connection after a number of objects
         * ({@link io.github.cm4j.ConnectionException} while iterating).
         *
         * @param objects the objects delivered before the drop, at least 1
         * @return this builder
         */
        public Builder dropEnumerationAfter(int objects) {
            if (objects < 1) {
                throw new IllegalArgumentException("dropEnumerationAfter needs at least 1 object, got " + objects);
            }
            this.dropAfter = objects;
            return this;
        }

        /** @return the faults */
        public Faults build() {
            return new Faults(this);
        }
    }
}
