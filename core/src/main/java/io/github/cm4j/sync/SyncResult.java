package io.github.cm4j.sync;

import io.github.cm4j.model.SupSyncStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a synchronization stands: the outcome, the status messages seen since it was triggered, and the
 * software update point's status row. Immutable and thread-safe.
 *
 * @param siteCode the site that synchronizes (the top-level site)
 * @param outcome the outcome, {@link SyncOutcome#IN_PROGRESS} while it runs
 * @param progress the status messages seen since the trigger, oldest first
 * @param status the {@code SMS_SUPSyncStatus} row of the site at the last poll, if the site has one
 * @param errorCode the error of a failed synchronization ({@code LastSyncErrorCode}, else the message's
 *                  {@code Win32Error}); 0 otherwise
 * @param waited how long {@link SyncJob#await} waited (zero for {@link SyncJob#status()})
 * @param notes what the job learnt besides status messages (queued behind a running synchronization, no 6701
 *              within the grace period and why, a stored 2007 {@code Sync Now} later than the trigger), oldest first
 */
public record SyncResult(String siteCode, SyncOutcome outcome, List<SyncProgress> progress,
                         Optional<SupSyncStatus> status, long errorCode, Duration waited, List<String> notes) {
    /**
     * Creates a result; the progress list is copied.
     *
     * @param siteCode the site that synchronizes
     * @param outcome the outcome
     * @param progress the status messages seen since the trigger, oldest first
     * @param status the {@code SMS_SUPSyncStatus} row of the site at the last poll, if any
     * @param errorCode the error of a failed synchronization; 0 otherwise
     * @param waited how long {@link SyncJob#await} waited
     * @param notes what the job learnt besides status messages
     * @throws NullPointerException if a component (or a progress element) is null
     */
    public SyncResult {
        notes = List.copyOf(notes);
        Objects.requireNonNull(siteCode, "siteCode");
        Objects.requireNonNull(outcome, "outcome");
        progress = List.copyOf(progress);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(waited, "waited");
    }

    /**
     * Creates a result without notes.
     *
     * @param siteCode the site that synchronizes
     * @param outcome the outcome
     * @param progress the status messages seen since the trigger, oldest first
     * @param status the status row at the last poll, if any
     * @param errorCode the error of a failed synchronization; 0 otherwise
     * @param waited how long {@link SyncJob#await} waited
     */
    public SyncResult(String siteCode, SyncOutcome outcome, List<SyncProgress> progress, Optional<SupSyncStatus> status,
                      long errorCode, Duration waited) {
        this(siteCode, outcome, progress, status, errorCode, waited, List.of());
    }

    /**
     * Why the synchronization did not end with 6702: the 6703 error code (or the 6707 / 6708 message) mapped to a
     * known cause with what to check ({@link SyncFailureCause}; sources in docs/operations.md).
     *
     * @return the diagnosis; empty when it succeeded with 6702, is still running, timed out or was not started
     *     (see {@link #notes()} for the last two)
     */
    public Optional<SyncDiagnosis> diagnosis() {
        switch (outcome) {
            case FAILED:
                SyncFailureCause c = SyncFailureCause.ofErrorCode(errorCode);
                return Optional.of(new SyncDiagnosis(c, errorCode, "6703 with error " + SyncDiagnosis.hex(errorCode)));
            case OUT_OF_SYNC:
                return Optional.of(new SyncDiagnosis(SyncFailureCause.OUT_OF_SYNC, 0, "6707"));
            case DONE_PENDING_LICENSE_TERMS:
                return Optional.of(new SyncDiagnosis(SyncFailureCause.PENDING_LICENSE_TERMS, 0, "6708"));
            default:
                return Optional.empty();
        }
    }

    /**
     * Whether the synchronization completed.
     *
     * @return whether the outcome is 6702 done, or 6708 done with license terms pending
     */
    public boolean isSuccess() {
        return outcome == SyncOutcome.SUCCEEDED || outcome == SyncOutcome.DONE_PENDING_LICENSE_TERMS;
    }

    /**
     * The newest status message seen.
     *
     * @return the last status message seen, if any
     */
    public Optional<SyncProgress> last() {
        return progress.isEmpty() ? Optional.empty() : Optional.of(progress.get(progress.size() - 1));
    }

    /**
     * Describes the result on one line.
     *
     * @return e.g. {@code SyncResult[CAS SUCCEEDED after 4 min 5 s, 4 messages, last: 6702 ...]}
     */
    @Override
    public String toString() {
        return "SyncResult[" + siteCode + " " + outcome + (waited.isZero() ? "" : " after " + io.github.cm4j.Durations.human(waited)) + ", "
                + progress.size() + " message" + (progress.size() == 1 ? "" : "s")
                + (errorCode == 0 ? "" : ", error 0x" + Long.toHexString(errorCode).toUpperCase(java.util.Locale.ROOT))
                + last().map(p -> ", last: " + p).orElse("")
                + (notes.isEmpty() ? "" : ", " + notes.get(notes.size() - 1)) + "]";
    }
}
