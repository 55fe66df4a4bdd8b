package io.github.cm4j.internal;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.SiteInfo;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.spi.QueryOptions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The ConfigMgr-level checks of a diagnosis, over an open {@link ConfigMgr} of any transport: namespace and provider
 * version, clock skew from the provider's own time, read rights, a site control session opened and released without
 * committing, the software update point, the last synchronization and pending license terms. Read-only: nothing here
 * changes the site (the site control session is released without {@code CommitSCF}).
 */
public final class SiteChecks {
    /** The ids of the checks, in order; a diagnosis without a session reports them as skipped. */
    public static final String[][] CHECKS = {
            {"namespace", "Namespace and provider version"},
            {"provider-clock", "Clock skew (the provider's own time)"},
            {"read", "Read rights"},
            {"scf-session", "Site control session (opened and released, nothing committed)"},
            {"sup", "Software update point present and active"},
            {"sync", "Last synchronization"},
            {"sync-scope", "Manual synchronization from this site"},
            {"eula", "Pending license terms"}};
    /** Beyond this the Kerberos default (5 minutes, RFC 4120 section 1.6 / MS-KILE) refuses tickets. */
    static final Duration SKEW_FAIL = Duration.ofMinutes(5);
    /** A skew worth knowing about: timestamps in logs and status messages stop lining up. */
    static final Duration SKEW_WARN = Duration.ofSeconds(30);
    /** How many pending-EULA updates are counted at most (the count is a hint, the check stays bounded). */
    static final int EULA_COUNT_LIMIT = 10_000;

    private SiteChecks() {
    }

    /**
     * Runs the ConfigMgr-level checks.
     *
     * @param cm an open connection
     * @param doctor the runner
     */
    public static void run(ConfigMgr cm, Doctor doctor) {
        SiteInfo[] site = new SiteInfo[1];
        doctor.run(CHECKS[0][0], CHECKS[0][1], d -> {
            String ns = cm.namespace();
            SiteInfo s = cm.site();
            site[0] = s;
            String where = "namespace " + ns + ": site " + s.siteCode() + " (" + s.siteName() + ") on " + s.serverName()
                    + ", provider version " + s.version().text() + " (" + s.version().displayName() + "), "
                    + (s.isTopLevel() ? "top-level site" : "child of " + s.parentSiteCode().orElse("?"));
            if (s.version().is2007()) {
                return Check.warn(CHECKS[0][0], CHECKS[0][1], where, "ConfigMgr 2007 is out of support; cm4j's 2007 paths"
                        + " (Sync Now property, ResendObjectToAllSites) apply");
            }
            return Check.pass(CHECKS[0][0], CHECKS[0][1], where);
        });
        doctor.run(CHECKS[1][0], CHECKS[1][1], d -> providerClock(cm, d));
        doctor.run(CHECKS[2][0], CHECKS[2][1], d -> read(cm, d));
        if (site[0] == null) {
            for (int i = 3; i < CHECKS.length; i++) {
                doctor.record(Check.skipped(CHECKS[i][0], CHECKS[i][1], "the site of the namespace is unknown (see check namespace)"));
            }
            return;
        }
        SiteInfo s = site[0];
        doctor.run(CHECKS[3][0], CHECKS[3][1], d -> scfSession(cm, s));
        java.util.concurrent.atomic.AtomicReference<Optional<SupSyncStatus>> status =
                new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        doctor.run(CHECKS[4][0], CHECKS[4][1], d -> {
            status.set(cm.softwareUpdatePoint().status(s.siteCode()));
            if (status.get().isEmpty()) {
                return Check.fail(CHECKS[4][0], CHECKS[4][1], "SMS_SUPSyncStatus has no row for site " + s.siteCode()
                        + ": the site has no software update point", "add the Software Update Point role to a site system of "
                        + s.siteCode() + " (or point --uri at the site that has it)");
            }
            SupSyncStatus st = status.get().get();
            if (st.wsusServerName().isEmpty()) {
                return Check.warn(CHECKS[4][0], CHECKS[4][1], "site " + s.siteCode() + " reports a synchronization status but"
                        + " no WSUS server", "check the Software Update Point role and its WSUS configuration in the console");
            }
            return Check.pass(CHECKS[4][0], CHECKS[4][1], "site " + s.siteCode() + ": WSUS server " + st.wsusServerName()
                    + (st.wsusSourceServer().isEmpty() ? "" : ", upstream " + st.wsusSourceServer())
                    + ", catalog version " + st.syncCatalogVersion());
        });
        if (status.get().isEmpty()) {
            doctor.record(Check.skipped(CHECKS[5][0], CHECKS[5][1], "no software update point (see check sup)"));
        } else {
            doctor.run(CHECKS[5][0], CHECKS[5][1], d -> lastSync(status.get().get(), cm));
        }
        doctor.run(CHECKS[6][0], CHECKS[6][1], d -> s.isTopLevel()
                ? Check.pass(CHECKS[6][0], CHECKS[6][1], "site " + s.siteCode() + " is the top-level site: `cm4j sync` starts"
                + " synchronizations here")
                : Check.warn(CHECKS[6][0], CHECKS[6][1], "site " + s.siteCode() + " is a child of " + s.parentSiteCode().orElse("?")
                + ": it synchronizes when its parent does and refuses a manual synchronization",
                "run `cm4j sync` against the top-level site (--uri naming " + s.parentSiteCode().orElse("the parent")
                        + " or its parent); reads and EULA checks work here"));
        doctor.run(CHECKS[7][0], CHECKS[7][1], d -> eula(cm, status.get(), d));
    }

    private static Check providerClock(ConfigMgr cm, Duration deadline) {
        String id = CHECKS[1][0];
        String title = CHECKS[1][1];
        // Win32_UTCTime (root\cimv2) is the provider host's own clock on every Windows since Server 2003; the
        // ConfigMgr namespace itself has no "now".
        Instant before = Instant.now();
        WmiObject t;
        try (Stream<WmiObject> rows = cm.transport().query("root\\cimv2", "SELECT * FROM Win32_UTCTime",
                QueryOptions.defaults().withTimeout(deadline), WmiContext.empty())) {
            Optional<WmiObject> first = rows.findFirst();
            if (first.isEmpty()) {
                return Check.skipped(id, title, "Win32_UTCTime returned no row");
            }
            t = first.get();
        } catch (WmiException e) {
            WbemStatus s = e.status().orElse(null);
            if (s == WbemStatus.WBEM_E_INVALID_NAMESPACE || s == WbemStatus.WBEM_E_INVALID_CLASS
                    || s == WbemStatus.WBEM_E_NOT_FOUND || s == WbemStatus.WBEM_E_ACCESS_DENIED) {
                return Check.skipped(id, title, "the provider does not serve root\\cimv2 Win32_UTCTime (" + e.statusName()
                        + "); see the transport's clock check");
            }
            throw e;
        }
        Instant after = Instant.now();
        Instant provider = Instant.parse(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                t.getLong("Year"), t.getLong("Month"), t.getLong("Day"), t.getLong("Hour"), t.getLong("Minute"),
                t.getLong("Second")));
        Instant local = before.plus(Duration.between(before, after).dividedBy(2));
        return skew(id, title, Duration.between(local, provider).truncatedTo(ChronoUnit.SECONDS), "Win32_UTCTime");
    }

    /**
     * The verdict on a clock difference.
     *
     * @param id the check id
     * @param title the check title
     * @param skew provider time minus client time
     * @param source where the provider's time came from
     * @return pass, warn (over 30 s) or fail (over the Kerberos limit of 5 minutes)
     */
    public static Check skew(String id, String title, Duration skew, String source) {
        Duration abs = skew.abs();
        String ev = "the provider's clock (" + source + ") is " + Doctor.seconds(abs) + (skew.isNegative() ? " behind" : " ahead of")
                + (skew.isNegative() ? " the client's" : " the client's");
        if (abs.compareTo(SKEW_FAIL) > 0) {
            return Check.fail(id, title, ev, "Kerberos refuses a skew over 5 minutes: synchronize both clocks with the domain's"
                    + " time source (w32tm /resync on Windows, chrony/timesyncd here)");
        }
        if (abs.compareTo(SKEW_WARN) > 0) {
            return Check.warn(id, title, ev, "synchronize the clocks (NTP): times in status messages and logs will not line up");
        }
        return Check.pass(id, title, ev);
    }

    private static Check read(ConfigMgr cm, Duration deadline) {
        String id = CHECKS[2][0];
        String title = CHECKS[2][1];
        try (Stream<WmiObject> rows = cm.transport().query(cm.namespace(), "SELECT CI_ID FROM SMS_SoftwareUpdate",
                QueryOptions.defaults().withBatchSize(1).withTimeout(deadline), WmiContext.empty())) {
            Iterator<WmiObject> it = rows.iterator();
            if (!it.hasNext()) {
                return Check.warn(id, title, "SMS_SoftwareUpdate is readable but empty", "the catalog is empty until the software"
                        + " update point synchronizes at least once");
            }
            return Check.pass(id, title, "SMS_SoftwareUpdate is readable (first CI_ID " + it.next().getLong("CI_ID") + ")");
        } catch (WmiException e) {
            if (e.status().orElse(null) == WbemStatus.WBEM_E_ACCESS_DENIED) {
                return Check.fail(id, title, "reading SMS_SoftwareUpdate was refused (" + e.statusName() + ")",
                        "give the account a ConfigMgr security role (at least Read-only Analyst) with the All scope");
            }
            throw e;
        }
    }

    private static Check scfSession(ConfigMgr cm, SiteInfo s) {
        String id = CHECKS[3][0];
        String title = CHECKS[3][1];
        if (!cm.transport().capabilities().contains(io.github.cm4j.spi.Capability.CONTEXT)) {
            // a transport without IWbemContext (the AdminService's REST) cannot carry the SessionHandle at all: that
            // is a property of the route, not a fault of the site or the account
            return Check.skipped(id, title, "this transport carries no IWbemContext, so no site control session over it;"
                    + " use dcom:// for site control file edits");
        }
        try {
            // GetSessionHandle + RefreshSCF, then ReleaseSessionHandle: CommitSCF is never called, so the site's
            // control file is not changed (the session's private copy is discarded).
            try (SiteControlSession session = cm.siteControl().open(s.siteCode())) {
                return Check.pass(id, title, "site " + session.siteCode() + ": a session handle was granted and released; the"
                        + " account can edit the site control file (sync schedule, sync on 2007)");
            }
        } catch (io.github.cm4j.ConfigMgrException e) {
            WmiException w = cause(e);
            if (w != null && w.status().orElse(null) == WbemStatus.WBEM_E_ACCESS_DENIED) {
                return Check.warn(id, title, "site " + s.siteCode() + ": the provider refused a site control session ("
                        + w.statusName() + "): the account is read-only", "reads work; synchronize, accept-eula, scf set and"
                        + " deployments need a role such as Software Update Manager or Full Administrator");
            }
            throw e;
        }
    }

    private static WmiException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WmiException w) {
                return w;
            }
        }
        return null;
    }

    private static Check lastSync(SupSyncStatus st, ConfigMgr cm) {
        String id = CHECKS[5][0];
        String title = CHECKS[5][1];
        Optional<SyncState> state = st.lastSyncState();
        String when = st.lastSyncStateTime().map(Instant::toString).orElse("an unknown time");
        String lastOk = st.lastSuccessfulSyncTime().map(Instant::toString).orElse("never");
        if (state.isEmpty()) {
            return Check.warn(id, title, "site " + st.siteCode() + " has never synchronized", "run `cm4j sync` at the top-level site");
        }
        SyncState s = state.get();
        String base = "site " + st.siteCode() + ": " + s.code() + " " + s.text() + " at " + when;
        if (s.isFailure()) {
            return Check.fail(id, title, base + ", error " + WbemStatus.hex((int) st.lastSyncErrorCode()) + ", last success "
                    + lastOk, "read wsyncmgr.log and WCM.log on the site server (`cm4j logs parse`); check the WSUS server "
                    + st.wsusServerName() + ", its proxy and the upstream source, then `cm4j sync` again");
        }
        if (s.isInProgress()) {
            return Check.pass(id, title, base + " (under way), last success " + lastOk);
        }
        return Check.pass(id, title, base + ", last success " + lastOk);
    }


    private static Check eula(ConfigMgr cm, Optional<SupSyncStatus> status, Duration deadline) {
        String id = CHECKS[7][0];
        String title = CHECKS[7][1];
        boolean pendingState = status != null && status.isPresent() && status.get().lastSyncState()
                .map(s -> s.code() == 6708).orElse(false);
        long count = 0;
        try (Stream<WmiObject> rows = cm.transport().query(cm.namespace(),
                "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = TRUE AND EULAAccepted = 0",
                QueryOptions.defaults().withTimeout(deadline), WmiContext.empty())) {
            count = rows.limit(EULA_COUNT_LIMIT).count();
        }
        if (count == 0 && !pendingState) {
            return Check.pass(id, title, "no update waits for its license terms to be accepted");
        }
        return Check.warn(id, title, (count >= EULA_COUNT_LIMIT ? "at least " : "") + count
                + " update(s) wait for license acceptance" + (pendingState ? "; the last synchronization ended with 6708"
                + " (done with pending license terms)" : ""), "review and accept them: `cm4j updates eula KB...` then"
                + " `cm4j updates accept-eula`");
    }
}
