package io.github.cm4j.model;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code SMS_SUPSyncStatus}: the synchronization status of one software update point (WSUS server) of a
 * site. Keys: {@code SiteCode}, {@code WSUSServerName}. Generated as {@link SupSyncStatus}.
 *
 * <p>Immutable and thread-safe: {@code SupSyncStatus.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_SUPSyncStatus")
abstract class AbstractSupSyncStatus implements WmiModel {
    /** {@return when the replication link was last checked ({@code LastReplicationLinkCheckTime})} */
    @WmiPropertyName("LastReplicationLinkCheckTime")
    public abstract Optional<Instant> lastReplicationLinkCheckTime();

    /** {@return when the last successful synchronization ended ({@code LastSuccessfulSyncTime})} */
    @WmiPropertyName("LastSuccessfulSyncTime")
    public abstract Optional<Instant> lastSuccessfulSyncTime();

    /** {@return the error code of the last synchronization, 0 for none ({@code LastSyncErrorCode})} */
    @WmiPropertyName("LastSyncErrorCode")
    public abstract long lastSyncErrorCode();

    /** {@return the last synchronization state; empty before the first synchronization ({@code LastSyncState})} */
    @WmiPropertyName("LastSyncState")
    public abstract Optional<SyncState> lastSyncState();

    /** {@return when the last state was reported ({@code LastSyncStateTime})} */
    @WmiPropertyName("LastSyncStateTime")
    public abstract Optional<Instant> lastSyncStateTime();

    /** {@return the replication link status ({@code ReplicationLinkStatus})} */
    @WmiPropertyName("ReplicationLinkStatus")
    public abstract Optional<ReplicationLinkStatus> replicationLinkStatus();

    /** {@return the site code ({@code SiteCode}, key)} */
    @WmiPropertyName(value = "SiteCode", key = true)
    public abstract String siteCode();

    /** {@return the version of the synchronized catalog ({@code SyncCatalogVersion})} */
    @WmiPropertyName("SyncCatalogVersion")
    public abstract long syncCatalogVersion();

    /** {@return the software update point's server ({@code WSUSServerName}, key)} */
    @WmiPropertyName(value = "WSUSServerName", key = true)
    public abstract String wsusServerName();

    /** {@return the upstream source, e.g. {@code Microsoft Update} or a parent WSUS ({@code WSUSSourceServer})} */
    @WmiPropertyName("WSUSSourceServer")
    public abstract String wsusSourceServer();

    /** {@return whether a synchronization is running (see {@link SyncState#isInProgress()})} */
    public boolean isSynchronizing() {
        return lastSyncState().map(SyncState::isInProgress).orElse(false);
    }

    /** {@return one line: {@code SupSyncStatus{PS1 WSUS01.contoso.com, DONE (6702) at ..., catalog 42}}} */
    @Override
    public String toString() {
        return "SupSyncStatus{" + siteCode() + " " + wsusServerName() + ", "
                + lastSyncState().map(s -> s + (s.isUnrecognized() ? "" : " (" + s.code() + ")")).orElse("never synchronized")
                + lastSyncStateTime().map(t -> " at " + t).orElse("")
                + (lastSyncErrorCode() == 0 ? "" : ", error 0x" + Long.toHexString(lastSyncErrorCode()).toUpperCase(java.util.Locale.ROOT))
                + ", catalog " + syncCatalogVersion() + ", source " + wsusSourceServer() + "}";
    }
}
