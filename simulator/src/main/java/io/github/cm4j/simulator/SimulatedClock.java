package io.github.cm4j.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: the simulator's default, so that generated dates and timestamps
 * are the same on every run. Thread-safe.
 *
 * <pre>{@code
 * SimulatedClock clock = SimulatedClock.at(Instant.parse("2024-06-11T10:00:00Z"));
 * SimulatedProvider sim = SimulatedProvider.builder().clock(clock).build();
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class SimulatedClock extends Clock {
    /** The default start: Tuesday 11 June 2024, 10:00 UTC (a Patch Tuesday). */
    public static final Instant DEFAULT_START = Instant.parse("2024-06-11T10:00:00Z");

    private final AtomicReference<Instant> now;

    private SimulatedClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * @param start the initial instant
     * @return a clock standing at that instant
     */
    public static SimulatedClock at(Instant start) {
        return new SimulatedClock(start);
    }

    /** @return a clock standing at {@link #DEFAULT_START} */
    public static SimulatedClock standard() {
        return new SimulatedClock(DEFAULT_START);
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far, not negative
     * @return the new instant
     */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back; got " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * Sets the clock.
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return this clock (the zone is always UTC) */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + now.get() + "]";
    }
}
