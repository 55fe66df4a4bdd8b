package io.github.cm4j.sync;

/**
 * What kind of synchronization {@link SoftwareUpdatePoint#synchronize(SyncMode)} asks for. The console's
 * "Synchronize Software Updates" is a delta synchronization (only new update metadata); a scheduled one
 * ({@link SoftwareUpdatePoint#setSchedule}) is full: new, modified and removed metadata since the last scheduled
 * one (ConfigMgr 2007, "Synchronizing Software Updates").
 */
public enum SyncMode {
    /** Only new update metadata since the last synchronization ({@code SyncNow(FALSE)}); the only mode ConfigMgr 2007 offers. */
    DELTA,
    /** New, modified and removed metadata ({@code SyncNow(TRUE)}; current branch only), as a scheduled synchronization. */
    FULL
}
