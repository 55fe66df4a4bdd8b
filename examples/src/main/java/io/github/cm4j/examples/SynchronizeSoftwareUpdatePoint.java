package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.SiteInfo;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.sync.NotTopLevelSiteException;
import io.github.cm4j.sync.SyncJob;
import io.github.cm4j.sync.SyncListener;
import io.github.cm4j.sync.SyncMode;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import java.time.Duration;
import java.util.Locale;

/**
 * Synchronizes the software update point — "Synchronize Software Updates" in the console — and waits for it,
 * printing each status message of {@code SMS_WSUS_SYNC_MANAGER} as it arrives.
 *
 * <p>The same code runs on every version: on ConfigMgr 2012 SP1 and later cm4j calls
 * {@code SMS_SoftwareUpdate.SyncNow}; on ConfigMgr 2007 it sets the {@code Sync Now} property of the site
 * control file in a session. Try both on the simulator:
 *
 * <pre>
 * SynchronizeSoftwareUpdatePoint                                     (memory:demo, current branch)
 * SynchronizeSoftwareUpdatePoint --uri 'memory:demo?version=2007'    (ConfigMgr 2007)
 * SynchronizeSoftwareUpdatePoint --uri dcom://cm01.lab.local/CAS --user 'LAB\cmadmin' --timeout 30m
 * </pre>
 *
 * Exit status: 0 done, 1 failed (or not the top-level site), 3 still running at the timeout.
 */
public final class SynchronizeSoftwareUpdatePoint {
    private SynchronizeSoftwareUpdatePoint() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--full] [--timeout DURATION]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(SynchronizeSoftwareUpdatePoint.class, args, "--full", "--timeout DURATION");
        // Delta is what "Synchronize Software Updates" in the console does; full is what the schedule does.
        SyncMode mode = a.flag("--full") ? SyncMode.FULL : SyncMode.DELTA;
        Duration timeout = a.durationOption("--timeout", Duration.ofMinutes(60));

        int status;
        try (ConfigMgr cm = a.connect()) {
            status = synchronize(cm, mode, timeout);
        }
        System.exit(status);   // after close(): the connection is released first
    }

    private static int synchronize(ConfigMgr cm, SyncMode mode, Duration timeout) {
        SiteInfo site = cm.site();   // SMS_Site of the connection's namespace, read once
        System.out.println("Site:    " + site);

        SyncJob job;
        try {
            job = cm.softwareUpdatePoint().synchronize(mode);
        } catch (NotTopLevelSiteException | UnsupportedOnVersionException e) {
            // Only the top-level site synchronizes with Microsoft Update, child sites follow their parent; and
            // ConfigMgr 2007 has one trigger (Sync Now), so --full is refused there. Nothing was changed.
            System.err.println("Not synchronized: " + e.getMessage());
            return 1;
        }
        String trigger = site.version().hasSyncNow() ? "SMS_SoftwareUpdate.SyncNow"
                : "the Sync Now property of SMS_WSUS_SYNC_MANAGER in the site control file";
        System.out.println("Started: " + mode + " synchronization at " + job.siteCode() + " through " + trigger);
        System.out.println("Waiting up to " + timeout.toString().substring(2).toLowerCase(Locale.ROOT)
                + " for the status messages of SMS_WSUS_SYNC_MANAGER:");

        // await polls with backoff (1 s doubling to 15 s) and hands every new status message to the listener, and
        // notes such as "queued behind a running synchronization"; with no 6701 within the grace period (5 min) while
        // nothing else synchronizes it ends NOT_STARTED and says why, instead of waiting silently to the timeout.
        SyncResult result = job.await(timeout, new SyncListener() {
            @Override
            public void onProgress(SyncProgress progress) {
                System.out.println("  " + progress);
            }

            @Override
            public void onNote(String note) {
                System.out.println("  note: " + note);
            }
        });

        System.out.println("Result:  " + result.outcome()
                + (result.errorCode() == 0 ? "" : " error 0x" + Long.toHexString(result.errorCode()).toUpperCase(Locale.ROOT))
                + " after " + result.waited().toSeconds() + " s");

        // SMS_SUPSyncStatus has a row per site; child sites synchronize from their parent after the top site.
        System.out.println("Software update points:");
        for (SupSyncStatus s : cm.softwareUpdatePoint().statuses()) {
            System.out.println("  " + s.siteCode() + "  " + s.lastSyncState().map(Object::toString).orElse("never")
                    + s.lastSyncStateTime().map(t -> " at " + t).orElse(""));
        }

        if (result.isSuccess()) {
            return 0;
        }
        // A failure mapped to a known cause (proxy 407, TLS, WSUS API permissions, ...) with what to check.
        result.diagnosis().ifPresent(d -> System.out.println("Check:   " + d));
        // TIMED_OUT: still running (run again with a longer --timeout); FAILED, OUT_OF_SYNC, NOT_STARTED: see above.
        return result.outcome() == SyncOutcome.TIMED_OUT ? 3 : 1;
    }
}
