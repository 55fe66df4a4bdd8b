package io.github.cm4j.model;

import java.util.Optional;

/**
 * The state of a software update point synchronization: {@code SMS_SUPSyncStatus.LastSyncState}, which holds
 * the ID of the last status message of {@code SMS_WSUS_SYNC_MANAGER} (6700..6711).
 *
 * <p>Sources (shared/reference/status-messages): the current SDK page lists 6702..6708; the message texts
 * of 6701..6708 are those of the ConfigMgr status message documentation as quoted by public scripts; 6700
 * and 6709..6711 come from a Microsoft engineer's lab scripts and a documentation issue, without official
 * text. A code outside that set reads as {@link #UNRECOGNIZED} (the source object keeps the code).
 */
public enum SyncState implements WmiEnum {
    /** 6700: the sync manager reported an error. */
    SYNC_MANAGER_ERROR(6700, "WSUS Sync Manager Error"),
    /** 6701: synchronization started. */
    STARTED(6701, "WSUS Synchronization started."),
    /** 6702: synchronization done (success). */
    DONE(6702, "WSUS Synchronization done."),
    /** 6703: synchronization failed. */
    FAILED(6703, "WSUS Synchronization failed."),
    /** 6704: in progress, synchronizing the WSUS server. */
    SYNCHRONIZING_WSUS(6704, "WSUS Synchronization in progress. Current phase: Synchronizing WSUS Server."),
    /** 6705: in progress, synchronizing the site database. */
    SYNCHRONIZING_SITE_DATABASE(6705, "WSUS Synchronization in progress. Current phase: Synchronizing site database."),
    /** 6706: in progress, synchronizing the Internet-facing WSUS server. */
    SYNCHRONIZING_INTERNET_WSUS(6706,
            "WSUS Synchronization in progress. Current phase: Synchronizing Internet facing WSUS Server."),
    /** 6707: the WSUS server's content is out of sync with its upstream server ({@code %1}, {@code %2}). */
    OUT_OF_SYNC(6707, "Content of WSUS Server %1 is out of sync with upstream server %2."),
    /** 6708: done, with license terms still to download. */
    DONE_PENDING_LICENSE_TERMS(6708, "WSUS synchronization complete, with pending license terms downloads."),
    /** 6709: legacy (SMS 2003 style) update synchronization started. */
    LEGACY_STARTED(6709, "SMS Legacy Update Synchronization started"),
    /** 6710: legacy update synchronization done. */
    LEGACY_DONE(6710, "SMS Legacy Update Synchronization done"),
    /** 6711: legacy update synchronization failed. */
    LEGACY_FAILED(6711, "SMS Legacy Update Synchronization failed"),
    /** Any other code; it has no code of its own and cannot be written. */
    UNRECOGNIZED(-1, "unrecognized synchronization state") {
        @Override
        public boolean isUnrecognized() {
            return true;
        }
    };

    private final long code;
    private final String text;

    SyncState(long code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * {@return the state with that code, if it is one of 6700..6711}
     *
     * @param code a status message ID
     */
    public static Optional<SyncState> fromCode(long code) {
        for (SyncState s : values()) {
            if (s.code == code && !s.isUnrecognized()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public long code() {
        return code;
    }

    /** {@return the status message text, with {@code %1}, {@code %2} where the message has insertion strings} */
    @Override
    public String text() {
        return text;
    }

    /** {@return whether a synchronization is running (6701, 6704, 6705, 6706)} */
    public boolean isInProgress() {
        return this == STARTED || this == SYNCHRONIZING_WSUS || this == SYNCHRONIZING_SITE_DATABASE
                || this == SYNCHRONIZING_INTERNET_WSUS;
    }

    /** {@return whether the last synchronization succeeded (6702, 6708, 6710)} */
    public boolean isSuccess() {
        return this == DONE || this == DONE_PENDING_LICENSE_TERMS || this == LEGACY_DONE;
    }

    /** {@return whether the last synchronization failed (6700, 6703, 6711)} */
    public boolean isFailure() {
        return this == SYNC_MANAGER_ERROR || this == FAILED || this == LEGACY_FAILED;
    }
}
