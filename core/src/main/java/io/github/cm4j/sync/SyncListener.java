package io.github.cm4j.sync;

/**
 * Receives progress while {@link SyncJob#await(java.time.Duration, SyncListener)} waits; called on the waiting
 * thread, one message at a time, so an implementation needs no synchronization of its own unless it shares
 * state with other threads.
 */
@FunctionalInterface
public interface SyncListener {
    /**
     * Called once for each new status message of the synchronization, oldest first. An exception thrown
     * here ends the wait and reaches the caller of {@code await}.
     *
     * @param progress a new status message of the synchronization
     */
    void onProgress(SyncProgress progress);

    /**
     * A listener for callers not interested in progress.
     *
     * @return a listener that ignores progress
     */
    static SyncListener none() {
        return p -> { };
    }
}
