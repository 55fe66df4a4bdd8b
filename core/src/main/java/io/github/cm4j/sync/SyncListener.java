package io.github.cm4j.sync;

/** Receives progress while {@link SyncJob#await(java.time.Duration, SyncListener)} waits; called on the waiting thread. */
@FunctionalInterface
public interface SyncListener {
    /** @param progress a new status message of the synchronization */
    void onProgress(SyncProgress progress);

    /** @return a listener that ignores progress */
    static SyncListener none() {
        return p -> { };
    }
}
