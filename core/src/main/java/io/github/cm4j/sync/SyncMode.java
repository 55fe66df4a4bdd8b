package io.github.cm4j.sync;

/**
 * What kind of synchronization {@link SoftwareUpdatePoint#synchronize(SyncMode)} asks for. The console's
 * "Synchronize Software Updates" is a delta synchronization; the scheduled one is full.
 */
public enum SyncMode {
    /** Only changes since the last synchronization ({@code SyncNow(FALSE)}); the only mode ConfigMgr 2007 offers. */
    DELTA,
    /** The whole catalog again ({@code SyncNow(TRUE)}; current branch only). */
    FULL
}
