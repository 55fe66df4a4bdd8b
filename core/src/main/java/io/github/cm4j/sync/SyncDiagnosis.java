package io.github.cm4j.sync;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a synchronization did not end with 6702, as far as its status messages and error code tell: see
 * {@link SyncResult#diagnosis()}. Immutable and thread-safe.
 *
 * @param cause the known cause, or {@link SyncFailureCause#UNKNOWN}
 * @param errorCode the error code (0 for 6707 and 6708)
 * @param evidence what pointed to the cause, e.g. {@code 6703 with error 0x8024401B}
 */
public record SyncDiagnosis(SyncFailureCause cause, long errorCode, String evidence) {
    /**
     * Creates a diagnosis.
     *
     * @param cause the known cause
     * @param errorCode the error code
     * @param evidence what pointed to the cause
     * @throws NullPointerException if cause or evidence is null
     */
    public SyncDiagnosis {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** @return what to check, from the cause */
    public String whatToCheck() {
        return cause.whatToCheck();
    }

    /**
     * Describes the diagnosis on one line.
     *
     * @return e.g. {@code PROXY_AUTHENTICATION (6703 with error 0x8024401B): the proxy requires ...}
     */
    @Override
    public String toString() {
        return cause + " (" + evidence + "): " + whatToCheck();
    }

    static String hex(long code) {
        return "0x" + Long.toHexString(code & 0xFFFF_FFFFL).toUpperCase(Locale.ROOT);
    }
}
