package io.github.cm4j.sync;

import io.github.cm4j.model.SyncState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a synchronization as {@link SyncJob} saw it: a status message of
 * {@code SMS_WSUS_SYNC_MANAGER} (6701 started, 6704/6705/6706 phases, 6702 done, 6703 failed, ...).
 * Immutable and thread-safe.
 *
 * @param siteCode the site that reported it
 * @param phase the state the message reports
 * @param messageId the status message ID
 * @param text the message text with its insertion strings filled in
 * @param time when the site server reported it (its clock)
 * @param recordId the status message's {@code RecordID}
 */
public record SyncProgress(String siteCode, SyncState phase, int messageId, String text, Optional<Instant> time, long recordId) {
    /**
     * Creates a progress step.
     *
     * @param siteCode the site that reported it
     * @param phase the state the message reports
     * @param messageId the status message ID
     * @param text the message text
     * @param time when the site server reported it
     * @param recordId the status message's {@code RecordID}
     * @throws NullPointerException if an object component is null
     */
    public SyncProgress {
        Objects.requireNonNull(siteCode, "siteCode");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
    }

    /**
     * Describes the step on one line.
     *
     * @return e.g. {@code 6704 CAS 2024-06-11T10:01:00Z WSUS Synchronization in progress. ...}
     */
    @Override
    public String toString() {
        return messageId + " " + siteCode + time.map(t -> " " + t).orElse("") + " " + text;
    }
}
