package io.github.cm4j.updates;

import io.github.cm4j.model.CiContentFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A content file in place with its documented hash verified.
 *
 * @param file the content file ({@code SMS_CIContentFiles})
 * @param path where it is
 * @param downloaded true when fetched now; false when a file with the right hash was already there
 * @param bytes its size
 */
public record DownloadedFile(CiContentFile file, Path path, boolean downloaded, long bytes) {
    /**
     * @param file the content file
     * @param path where it is
     * @param downloaded whether it was fetched now
     * @param bytes its size
     */
    public DownloadedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
    }
}
