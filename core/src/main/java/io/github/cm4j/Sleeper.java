package io.github.cm4j;

import java.time.Duration;

/**
 * How cm4j waits between polls (for example while {@code SyncJob.await} watches a synchronization). The
 * default sleeps the calling thread; a test with a simulated clock passes one that moves the clock
 * instead, so that waiting is instant and deterministic:
 *
 * <pre>{@code
 * SimulatedClock clock = SimulatedClock.standard();
 * ConfigMgr cm = ConfigMgr.builder().uri("memory:lab").clock(clock).sleeper(clock::advance).connect();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long, not negative
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The default sleeper.
     *
     * @return a sleeper that blocks the calling thread ({@link Thread#sleep(long)}); usable from any thread
     */
    static Sleeper system() {
        return duration -> Thread.sleep(Math.max(0, duration.toMillis()));
    }
}
