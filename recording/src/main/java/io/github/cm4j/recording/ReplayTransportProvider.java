package io.github.cm4j.recording;

import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;

import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code replay:FILE} transport: answers the calls a recording ({@code record=FILE}) holds, so that a user's
 * recording becomes a test. Matching (docs/troubleshooting.md): a call is answered by the first unused recorded call
 * of the same operation, namespace and text (the exact WQL; the exact object path; class name; target path and method
 * name; for put the instance's path), in recorded order, so repeated and stateful sequences (site control sessions:
 * GetSessionHandle, RefreshSCF, put, CommitSCF, ReleaseSessionHandle) replay in the order they were recorded;
 * in-parameters, put contents and context values are not compared. A call the recording has no (more) answer for
 * fails with a {@link io.github.cm4j.TransportException} that names it. Rotated parts ({@code FILE.N} ...
 * {@code FILE.1}) are read before FILE. Credentials are ignored. Found with ServiceLoader; thread-safe.
 */
public final class ReplayTransportProvider implements WmiTransportProvider {
    /** Creates the provider (cheap; the file is read by {@link #open}). */
    public ReplayTransportProvider() {
    }

    @Override
    public String scheme() {
        return "replay";
    }

    /**
     * Reads the recording.
     *
     * @param config {@code replay:FILE} (a relative or absolute path)
     * @return the replaying transport
     * @throws IllegalArgumentException when the URI names no file
     * @throws io.github.cm4j.ConfigMgrException when the file cannot be read or is not a cm4j recording
     */
    @Override
    public WmiTransport open(TransportConfig config) {
        return ReplayTransport.read(file(config.uri()));
    }

    static Path file(URI uri) {
        String path;
        if (uri.isOpaque()) {
            path = uri.getSchemeSpecificPart();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
        } else {
            path = uri.getPath();
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(uri + ": name the recording, e.g. replay:site.jsonl or replay:/tmp/site.jsonl");
        }
        return Path.of(path);
    }

    @Override
    public String toString() {
        return "ReplayTransportProvider[replay:]";
    }
}
