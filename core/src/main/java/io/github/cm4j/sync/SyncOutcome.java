package io.github.cm4j.sync;

/** How a synchronization watched by {@link SyncJob} ended, or that it has not ended yet. */
public enum SyncOutcome {
    /** Not finished: no final state seen yet. */
    IN_PROGRESS(false),
    /** 6702 WSUS Synchronization done. */
    SUCCEEDED(true),
    /** 6703 WSUS Synchronization failed (see {@link SyncResult#errorCode()}). */
    FAILED(true),
    /** 6707 the WSUS server's content is out of sync with its upstream server. */
    OUT_OF_SYNC(true),
    /** 6708 done, with license terms still to download. */
    DONE_PENDING_LICENSE_TERMS(true),
    /**
     * No 6701 (started) arrived within the grace period while nothing else was synchronizing: the request was
     * not picked up. {@link SyncResult#notes()} says why, as far as the job can tell.
     */
    NOT_STARTED(true),
    /** {@link SyncJob#await} gave up at its deadline; the synchronization may still finish. */
    TIMED_OUT(true);

    private final boolean terminal;

    SyncOutcome(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * Whether {@link SyncJob#await} stops waiting at this outcome.
     *
     * @return whether waiting ends with this outcome (all but {@link #IN_PROGRESS})
     */
    public boolean isTerminal() {
        return terminal;
    }
}
