package io.github.cm4j.sync;

import java.util.Set;

/**
 * Known causes of a synchronization that did not end with 6702, each with the error codes or status messages
 * that point to it and what to check. The sources of each are listed in docs/operations.md, "When a
 * synchronization fails"; the simulator can inject each (except {@link #UNKNOWN}).
 */
public enum SyncFailureCause {
    /** WCM could not configure WSUS (subscriptions, products): wsyncmgr.log "Sync failed: WSUS server not configured". */
    WSUS_NOT_CONFIGURED(Set.of(0x80004005L), "WSUS is not configured by ConfigMgr: read WCM.log on the site server"
            + " (\"Failed to set Subscriptions on the WSUS Server\", unknown categories) and the software update point's"
            + " WSUS settings; E_FAIL is generic, so confirm with wsyncmgr.log \"WSUS server not configured\""),
    /** The upstream server (Microsoft Update or the parent's WSUS) does not answer. */
    UPSTREAM_UNREACHABLE(Set.of(0x80072EFEL, 0x80072EE2L, 0x80072EFDL, 0x80072EE7L), "the upstream update server cannot"
            + " be reached: name resolution, firewall and proxy between the software update point and its upstream server"
            + " (WCM.log / wsyncmgr.log \"The connection with the server was terminated abnormally\")"),
    /** A proxy asks for credentials (HTTP 407). */
    PROXY_AUTHENTICATION(Set.of(0x8024401BL), "the proxy requires authentication (HTTP 407): set the proxy account of the"
            + " software update point, or allow the site server's computer account through the proxy"),
    /** TLS to the upstream server fails (certificate trust, protocol versions). */
    TLS(Set.of(0x80072F8FL, 0x80072F0DL, 0x80072F06L), "TLS to the upstream server fails: the certificate chain (root CAs"
            + " on the site server), TLS 1.2 enabled for .NET (SchUseStrongCrypto), SSL inspection by a proxy"),
    /** The site server's account may not use the WSUS administration API. */
    WSUS_API_PERMISSION(Set.of(0x8013150AL), "\"Request for principal permission failed\": the site server's computer"
            + " account must be a member of the WSUS Administrators group on the WSUS server"),
    /** License terms of an update were not downloaded, so the update cannot be synchronized. */
    LICENSE_TERMS_NOT_DOWNLOADED(Set.of(0x80131500L), "license terms were not downloaded: check that WSUS can write"
            + " WsusContent (the .txt license files) and reach download.microsoft.com; the 6703 follows"
            + " \"The Microsoft Software License Terms have not been completely downloaded\""),
    /** 6708: done, license terms still downloading; not a failure. */
    PENDING_LICENSE_TERMS(Set.of(), "done with license terms still downloading (6708): the updates concerned are not"
            + " deployable until the next synchronization downloads their terms"),
    /** 6707: the WSUS server's content is out of sync with its upstream server. */
    OUT_OF_SYNC(Set.of(), "the WSUS server's content is out of sync with its upstream server (6707): run a full"
            + " synchronization at the top site, then check the children's WSUS servers"),
    /** Nothing known matches. */
    UNKNOWN(Set.of(), "unrecognized: read wsyncmgr.log and WCM.log on the site server around the 6703");

    private final Set<Long> errorCodes;
    private final String whatToCheck;

    SyncFailureCause(Set<Long> errorCodes, String whatToCheck) {
        this.errorCodes = errorCodes;
        this.whatToCheck = whatToCheck;
    }

    /** @return the error codes ({@code LastSyncErrorCode}, 6703 Win32Error) that point to this cause */
    public Set<Long> errorCodes() {
        return errorCodes;
    }

    /** @return what to check, for a person */
    public String whatToCheck() {
        return whatToCheck;
    }

    /**
     * The cause of an error code.
     *
     * @param errorCode an error code (unsigned 32 bits)
     * @return the cause, or {@link #UNKNOWN}
     */
    public static SyncFailureCause ofErrorCode(long errorCode) {
        for (SyncFailureCause c : values()) {
            if (c.errorCodes.contains(errorCode & 0xFFFF_FFFFL)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
