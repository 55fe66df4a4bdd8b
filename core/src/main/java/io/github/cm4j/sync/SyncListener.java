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
     * Called when the job learns something that is not a status message: the request is queued behind a running
     * synchronization, no 6701 arrived within the grace period, a stored 2007 {@code Sync Now} value is later than
     * the trigger. Default: ignored.
     *
     * @param note one line for a person
     */
    default void onNote(String note) {
    }

    /**
     * A listener for callers not interested in progress.
     *
     * @return a listener that ignores progress
     */
    static SyncListener none() {
        return p -> { };
    }
}
