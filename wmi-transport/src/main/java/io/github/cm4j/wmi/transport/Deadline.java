package io.github.cm4j.wmi.transport;

import java.time.Duration;

/**
 * The deadline of one logical call, which may take several round trips (a login, a bind, the call): the time it
 * ends, and the timeout the caller gave, which a {@link io.github.cm4j.CallTimeoutException} reports.
 *
 * @param timeout the caller's deadline, as given
 * @param endNanos when it passes, on the {@link System#nanoTime()} clock
 */
record Deadline(Duration timeout, long endNanos) {
    /** The least time a round trip is given, even when the deadline is (about to be) over. */
    private static final long MIN_NANOS = 1_000_000;

    /** @return a deadline {@code timeout} from now */
    static Deadline in(Duration timeout) {
        return new Deadline(timeout, System.nanoTime() + timeout.toNanos());
    }

    /** @return the time left, at least a millisecond (the RPC layer then fails the call with a timeout) */
    Duration left() {
        return Duration.ofNanos(Math.max(MIN_NANOS, endNanos - System.nanoTime()));
    }

    /** @return whether it has passed */
    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }
}
