package io.github.cm4j.simulator;

import java.util.List;

/**
 * The causes of a failed synchronization the simulator can inject at any site
 * ({@link SyncEngine#failNext(String, SyncFailure)}), each with the error code the site reports
 * ({@code SMS_SUPSyncStatus.LastSyncErrorCode}), the status message that ends the run and the
 * {@code wsyncmgr.log} lines of the real component. Sources are listed in docs/operations.md, "When a
 * synchronization fails".
 */
public enum SyncFailure {
    /** WSUS is not configured (WCM could not set subscriptions): "Sync failed: WSUS server not configured". */
    WSUS_NOT_CONFIGURED(0x80004005, 6703, List.of("Sync failed: WSUS server not configured. Please refer to WCM.log for"
            + " configuration error details.. Source: CWSyncMgr::DoSync")),
    /** The upstream server does not answer: 0x80072EFE, the connection was terminated abnormally. */
    UPSTREAM_UNREACHABLE(0x80072EFE, 6703, List.of("Sync failed: The connection with the server was terminated abnormally."
            + " Source: Microsoft.UpdateServices.ServerSync.ServerSyncLib.InternetGetServerProtocolVersion")),
    /** The proxy wants credentials: HTTP 407 (WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ, 0x8024401B). */
    PROXY_AUTHENTICATION(0x8024401B, 6703, List.of("Sync failed: The request failed with HTTP status 407: Proxy"
            + " Authentication Required. Source: Microsoft.UpdateServices.ServerSync.ServerSyncLib.InternetGetServerProtocolVersion")),
    /** TLS to the upstream server fails (ERROR_WINHTTP_SECURE_FAILURE, 0x80072F8F). */
    TLS(0x80072F8F, 6703, List.of("Sync failed: The underlying connection was closed: Could not establish trust relationship"
            + " for the SSL/TLS secure channel. Source: Microsoft.UpdateServices.ServerSync.ServerSyncLib")),
    /** The site server's account may not use the WSUS API (0x8013150A). */
    WSUS_API_PERMISSION(0x8013150A, 6703, List.of("Sync failed: Request for principal permission failed. Source:"
            + " Microsoft.UpdateServices.Administration.AdminProxy.CreateUpdateServer")),
    /** License terms of an update are not downloaded, so it cannot be synchronized (0x80131500). */
    LICENSE_TERMS_NOT_DOWNLOADED(0x80131500, 6703, List.of("Failed to sync update %GUID%. Error: The Microsoft Software"
            + " License Terms have not been completely downloaded and~~cannot be accepted. Source:"
            + " Microsoft.UpdateServices.Internal.BaseApi.LicenseAgreement.GetById",
            "Sync failed: Failed to sync some of the updates. Source: Microsoft.UpdateServices.Internal.BaseApi.SoftwareUpdate.SyncUpdates")),
    /** Done, but license terms are still to download: 6708, not a failure. */
    PENDING_LICENSE_TERMS(0, 6708, List.of("Sync succeeded with pending license terms downloads.")),
    /** The WSUS server's content is out of sync with its upstream server: 6707. */
    OUT_OF_SYNC(0, 6707, List.of("Content of WSUS server is out of sync with upstream server."));

    private final int errorCode;
    private final int messageId;
    private final List<String> logLines;

    SyncFailure(int errorCode, int messageId, List<String> logLines) {
        this.errorCode = errorCode;
        this.messageId = messageId;
        this.logLines = logLines;
    }

    /** @return the error code reported in {@code LastSyncErrorCode} (0 for the outcomes that are not failures) */
    public int errorCode() {
        return errorCode;
    }

    /** @return the status message that ends the run: 6703, 6707 or 6708 */
    public int messageId() {
        return messageId;
    }

    /** @return the {@code wsyncmgr.log} lines of the cause */
    public List<String> logLines() {
        return logLines;
    }

    /**
     * The cause with this error code, for {@link SyncEngine#failNext(int)}.
     *
     * @param errorCode an error code
     * @return the matching cause, or {@link #LICENSE_TERMS_NOT_DOWNLOADED} (whose lines are generic) when none matches
     */
    static SyncFailure of(int errorCode) {
        for (SyncFailure f : values()) {
            if (f.errorCode == errorCode) {
                return f;
            }
        }
        return LICENSE_TERMS_NOT_DOWNLOADED;
    }
}
