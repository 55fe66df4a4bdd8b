package io.github.cm4j.updates;

import io.github.cm4j.model.CiContentFile;

/**
 * Progress of {@link SoftwareUpdates#downloadContent}: called on the downloading thread, in order, for one file
 * at a time. Implementations must be quick (they run between reads).
 */
public interface DownloadListener {
    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /**
     * Bytes arrived.
     *
     * @param file the file being downloaded
     * @param bytesSoFar bytes received for it so far
     * @param totalBytes its documented size ({@code FileSize})
     */
    default void progress(CiContentFile file, long bytesSoFar, long totalBytes) {
    }

    /**
     * A file is in place, its hash verified (downloaded now, or already there with the right hash).
     *
     * @param result where it is and whether it was downloaded
     */
    default void done(DownloadedFile result) {
    }
}
