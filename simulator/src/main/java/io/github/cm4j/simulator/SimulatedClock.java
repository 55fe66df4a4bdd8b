package io.github.cm4j.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
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
    /** Simulated nanoseconds per real nanosecond; 0 = the clock moves only when told to. */
    private final long speed;
    /** Real time the running starts from; -1 until {@link #startRunning()} (so a provider is built at one instant). */
    private final AtomicLong originNanos = new AtomicLong(-1);

    private SimulatedClock(Instant start, long speed) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
        if (speed < 0) {
            throw new IllegalArgumentException("a clock does not go back; speed " + speed);
        }
        this.speed = speed;
    }

    private SimulatedClock(Instant start) {
        this(start, 0);
    }

    /**
     * A clock that also runs by itself, {@code speed} times faster than real time (on top of
     * {@link #advance} and {@link #set}). {@code memory:demo} uses speed 60 so that a synchronization
     * (4 simulated minutes) completes in about 4 seconds. The clock stands still until
     * {@link #startRunning()}, which a {@link SimulatedProvider} calls once it is built, so that everything
     * generated at build time is generated at the same instant, the same on every run.
     *
     * @param start the initial instant
     * @param speed simulated seconds per real second; 0 for a clock that moves only when told to
     * @return the clock
     */
    public static SimulatedClock running(Instant start, long speed) {
        return new SimulatedClock(start, speed);
    }

    /** Starts a {@linkplain #running running} clock (idempotent; no effect on a clock of speed 0). */
    public void startRunning() {
        originNanos.compareAndSet(-1, System.nanoTime());
    }

    /** @return simulated seconds per real second (0: moves only when told to) */
    public long speed() {
        return speed;
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
    public synchronized Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back; got " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount)).plusNanos(elapsed());
    }

    /**
     * Sets the clock.
     *
     * @param instant the new instant
     */
    public synchronized void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        if (originNanos.get() != -1) {
            originNanos.set(System.nanoTime());
        }
    }

    @Override
    public synchronized Instant instant() {
        return now.get().plusNanos(elapsed());
    }

    private long elapsed() {
        long origin = originNanos.get();
        return speed == 0 || origin == -1 ? 0 : (System.nanoTime() - origin) * speed;
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
        return "SimulatedClock[" + instant() + (speed == 0 ? "" : ", x" + speed) + "]";
    }
}
