package io.github.cm4j.sync;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.SiteInfo;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.internal.OperationAccess;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleTokens;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sitecontrol.SiteControl;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The software update point of the hierarchy: synchronization and its status. Obtain it from
 * {@link ConfigMgr#softwareUpdatePoint()}. Thread-safe.
 *
 * <pre>{@code
 * SyncJob job = cm.softwareUpdatePoint().synchronize();
 * SyncResult r = job.await(Duration.ofMinutes(30), p -> System.out.println(p));
 * if (!r.isSuccess()) System.err.println(r);
 * }</pre>
 *
 * <p>How a synchronization is triggered depends on the site's version (read once per connection from
 * {@code SMS_Site}): from ConfigMgr 2012 SP1 the static method {@code SMS_SoftwareUpdate.SyncNow(fullSync)};
 * on ConfigMgr 2007 the embedded property {@code Sync Now} of the {@code SMS_WSUS_SYNC_MANAGER} component
 * set to the current time in seconds since 1970 (UTC, from the connection's {@link java.time.Clock}) in a
 * site control session that is committed. Either way only at the top-level site.
 *
 * <p>The synchronization schedule ({@link #schedule()}, {@link #setSchedule}, {@link #disableSchedule()}) is the
 * {@code Sync Schedule} of the top site's {@code SMS_WSUS_SYNC_MANAGER}; scheduled synchronizations are full ones.
 */
public final class SoftwareUpdatePoint {
    /** The site component that synchronizes software updates and reports 6701..6708. */
    public static final String COMPONENT = "SMS_WSUS_SYNC_MANAGER";
    /** The embedded property that triggers a synchronization on ConfigMgr 2007. */
    public static final String SYNC_NOW_PROPERTY = "Sync Now";
    /**
     * The embedded property of {@code SMS_WSUS_SYNC_MANAGER} at the top-level site whose {@code Value1} holds the
     * synchronization schedule token; empty = no synchronization on a schedule (Set-CMSoftwareUpdatePointComponent
     * {@code -Schedule $null}; see docs/operations.md, "The synchronization schedule").
     */
    public static final String SYNC_SCHEDULE_PROPERTY = "Sync Schedule";

    /** How long a job waits for 6701 while nothing else synchronizes, unless {@link #withGracePeriod} says otherwise. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(5);

    private final ProviderClient client;
    private final Supplier<SiteInfo> site;
    private final SiteControl siteControl;
    private final Duration gracePeriod;
    private final boolean afterStoredSyncNow;

    static {
        // ConfigMgr constructs this class through OperationAccess; no public constructor takes internals (issue 20).
        OperationAccess.setSync(SoftwareUpdatePoint::new);
    }

    /** Through {@link ConfigMgr#softwareUpdatePoint()}; package-private so that no public constructor takes internals. */
    SoftwareUpdatePoint(ProviderClient client, Supplier<SiteInfo> site, SiteControl siteControl) {
        this.client = Objects.requireNonNull(client, "client");
        this.site = Objects.requireNonNull(site, "site");
        this.siteControl = Objects.requireNonNull(siteControl, "siteControl");
        this.gracePeriod = DEFAULT_GRACE_PERIOD;
        this.afterStoredSyncNow = false;
    }

    private SoftwareUpdatePoint(SoftwareUpdatePoint o, Duration gracePeriod, boolean afterStoredSyncNow) {
        this.client = o.client;
        this.site = o.site;
        this.siteControl = o.siteControl;
        this.gracePeriod = gracePeriod;
        this.afterStoredSyncNow = afterStoredSyncNow;
    }

    /**
     * A view whose jobs wait this long for 6701 (started) while nothing else synchronizes, then end
     * {@link SyncOutcome#NOT_STARTED} with the reason they can find. Measured on the provider's clock (the site
     * server's {@code Win32_OperatingSystem.LocalDateTime}) when the connection can read it, else on the connection's
     * clock ({@link ConfigMgr.Builder#clock}); see {@link SyncJob#gracePeriod()}.
     *
     * @param grace the grace period, positive
     * @return a view with that grace period
     * @throws IllegalArgumentException if {@code grace} is zero or negative
     */
    public SoftwareUpdatePoint withGracePeriod(Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("grace period must be positive, not " + io.github.cm4j.Durations.human(grace));
        }
        return new SoftwareUpdatePoint(this, grace, afterStoredSyncNow);
    }

    /**
     * On ConfigMgr 2007: a view whose trigger writes a {@code Sync Now} one second after the value already
     * stored when that value is later than the client's clock (the SDK sample wrote the current time + 8 hours,
     * and the site ignores any value that is not newer than the last one). Without it, such a trigger is
     * written as the current time and the job reports the stored value as the likely reason when no 6701 comes.
     *
     * @return a view that writes after a stored future value
     */
    public SoftwareUpdatePoint withSyncNowAfterStoredValue() {
        return new SoftwareUpdatePoint(this, gracePeriod, true);
    }

    /**
     * Triggers a delta synchronization, as the console's "Synchronize Software Updates" does; see
     * {@link #synchronize(SyncMode)}.
     *
     * @return the job, to {@linkplain SyncJob#await wait} for
     * @throws NotTopLevelSiteException at a child site (before any change is made)
     */
    public SyncJob synchronize() {
        return synchronize(SyncMode.DELTA);
    }

    /**
     * Triggers a synchronization at the connection's site, which must be the top-level site.
     * Calls: two baseline queries (last status message, status row), then on current branch one ExecMethod
     * ({@code SyncNow}); on 2007 GetSessionHandle, RefreshSCF, one ExecQuery of the component, PutInstance,
     * CommitSCF, ReleaseSessionHandle.
     *
     * @param mode delta or full
     * @return the job, to {@linkplain SyncJob#await wait} for
     * @throws NotTopLevelSiteException at a child site (before any change is made)
     * @throws UnsupportedOnVersionException {@link SyncMode#FULL} on ConfigMgr 2007, or on a version that
     *     has neither trigger
     * @throws io.github.cm4j.MethodFailedException if the provider refuses the trigger (e.g. no active
     *     software update point)
     * @throws io.github.cm4j.sitecontrol.ScfConflictException on ConfigMgr 2007, if someone else changed the
     *     component while the trigger was being committed
     */
    public SyncJob synchronize(SyncMode mode) {
        Objects.requireNonNull(mode, "mode");
        SiteInfo info = site.get();
        if (!info.isTopLevel()) {
            throw new NotTopLevelSiteException(info.siteCode(), info.parentSiteCode().orElseThrow());
        }
        if (info.version().is2007() && mode == SyncMode.FULL) {
            throw new UnsupportedOnVersionException("synchronize(FULL)", info.version(), "ConfigMgr 2007 has one"
                    + " trigger (the Sync Now property of " + COMPONENT + "); use SyncMode.DELTA");
        }
        long baselineRecord = lastStatusMessageRecordId(info.siteCode());
        Optional<Instant> baselineState = status(client, info.siteCode()).flatMap(SupSyncStatus::lastSyncStateTime);
        Instant now = client.clock().instant();
        Optional<String> suspected = Optional.empty();
        if (info.version().hasSyncNow()) {
            client.invoke(ObjectPath.ofClass("SMS_SoftwareUpdate"), "SyncNow",
                    ProviderClient.args("fullSync", mode == SyncMode.FULL), WmiContext.empty());
        } else if (info.version().is2007()) {
            try (SiteControlSession scf = siteControl.open(info.siteCode())) {
                SciComponent sync = scf.component(COMPONENT);
                // The 2007 SDK sample writes the current time as seconds since 1970 (UTC) (its +8 h offset is
                // not copied). The site acts on a value newer than the last one, so a stored value in the future
                // makes this trigger look old: read it first and report it, or write after it when asked.
                long stored = sync.property(SYNC_NOW_PROPERTY).map(p -> Integer.toUnsignedLong(p.value())).orElse(0L);
                long value = now.getEpochSecond();
                if (stored >= value) {
                    if (afterStoredSyncNow) {
                        value = stored + 1;
                    } else {
                        // Writing the older value would be ignored by the site and would erase the evidence.
                        suspected = Optional.of("the stored Sync Now value " + stored + " (" + Instant.ofEpochSecond(stored)
                                + ") is not older than this trigger's " + value + " (" + now + "); the site acts only on a"
                                + " newer value, so nothing was written: write after it with withSyncNowAfterStoredValue()"
                                + " (cm4j sync --after-stored-sync-now)");
                    }
                }
                if (suspected.isEmpty()) {
                    scf.put(sync.withProperty(SYNC_NOW_PROPERTY, (int) value));
                    scf.commit();
                }
            }
        } else {
            throw new UnsupportedOnVersionException("synchronize", info.version(), "neither SyncNow (2012 SP1 and"
                    + " later) nor the 2007 Sync Now property exists on this version");
        }
        return new SyncJob(client, info.siteCode(), mode, now, baselineRecord, baselineState, gracePeriod, suspected);
    }

    /**
     * The synchronization schedule of the hierarchy: the {@code Sync Schedule} of the top-level site's
     * {@code SMS_WSUS_SYNC_MANAGER} (committed copy of the site control file; one ExecQuery). A child site's provider
     * does not hold its parent's site control file, so this is read at the top-level site.
     *
     * @return the schedule; empty when synchronization on a schedule is off (the value is empty)
     * @throws io.github.cm4j.schedule.ScheduleParseException if the stored value is not a schedule token
     * @throws io.github.cm4j.MappingException if it holds several tokens (a synchronization has one schedule)
     * @throws java.util.NoSuchElementException if the site has no {@code SMS_WSUS_SYNC_MANAGER} component
     * @throws NotTopLevelSiteException at a child site
     */
    public Optional<ScheduleToken> schedule() {
        SiteInfo info = site.get();
        if (!info.isTopLevel()) {
            throw new NotTopLevelSiteException(info.siteCode(), info.parentSiteCode().orElseThrow(),
                    "the synchronization schedule is kept at the top-level site only");
        }
        String top = info.siteCode();
        SciComponent sync = siteControl.components(top).stream().filter(c -> c.componentName().equals(COMPONENT))
                .findFirst().orElseThrow(() -> new java.util.NoSuchElementException("site " + top + " has no " + COMPONENT
                        + " component (no software update point)"));
        String value = sync.property(SYNC_SCHEDULE_PROPERTY).map(p -> p.value1()).orElse("");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        List<ScheduleToken> tokens = ScheduleTokens.parseAll(value);
        if (tokens.size() != 1) {
            throw new io.github.cm4j.MappingException("the " + SYNC_SCHEDULE_PROPERTY + " of " + COMPONENT + " at site " + top
                    + " holds " + tokens.size() + " schedule tokens (" + value + "); a synchronization schedule has one");
        }
        return Optional.of(tokens.get(0));
    }

    /**
     * Sets the synchronization schedule: a site control session on the top-level site that writes the token to
     * {@code Value1} of {@code Sync Schedule} and commits. Scheduled synchronizations are full ones.
     *
     * @param token the schedule; a start of {@link ScheduleToken#UNSET_START} means "as soon as possible, then
     *     per recurrence"
     * @return the change committed (empty when the schedule was already this one)
     * @throws NotTopLevelSiteException at a child site (the schedule is set at the top-level site only)
     * @throws io.github.cm4j.sitecontrol.ScfConflictException if someone else changed the component meanwhile
     */
    public List<ScfChange> setSchedule(ScheduleToken token) {
        return changeSchedule(Objects.requireNonNull(token, "token").format(), true);
    }

    /**
     * Turns synchronization on a schedule off (an empty {@code Sync Schedule}); manual synchronization stays
     * possible. See {@link #setSchedule}.
     *
     * @return the change committed (empty when it was already off)
     * @throws NotTopLevelSiteException at a child site
     */
    public List<ScfChange> disableSchedule() {
        return changeSchedule("", true);
    }

    /**
     * What {@link #setSchedule} or {@link #disableSchedule} would change, without committing (the session is
     * released without commit).
     *
     * @param token the new schedule, or empty to turn it off
     * @return the change that would be committed
     * @throws NotTopLevelSiteException at a child site
     */
    public List<ScfChange> previewSchedule(Optional<ScheduleToken> token) {
        return changeSchedule(token.map(ScheduleToken::format).orElse(""), false);
    }

    private List<ScfChange> changeSchedule(String value1, boolean commit) {
        SiteInfo info = site.get();
        if (!info.isTopLevel()) {
            throw new NotTopLevelSiteException(info.siteCode(), info.parentSiteCode().orElseThrow(),
                    "the synchronization schedule is set at the top-level site only");
        }
        try (SiteControlSession scf = siteControl.open(info.siteCode())) {
            SciComponent sync = scf.component(COMPONENT);
            var old = sync.property(SYNC_SCHEDULE_PROPERTY);
            scf.put(sync.withProperty(SYNC_SCHEDULE_PROPERTY, old.map(p -> p.value()).orElse(0), value1,
                    old.map(p -> p.value2()).orElse("")), old.isPresent() ? java.util.Set.of()
                    : java.util.Set.of(SYNC_SCHEDULE_PROPERTY));
            List<ScfChange> diff = scf.diff();
            if (commit && !diff.isEmpty()) {
                scf.commit();
            }
            return diff;
        }
    }

    /**
     * The synchronization status of every site with a software update point (one ExecQuery).
     *
     * @return one row per site with a software update point
     */
    public List<SupSyncStatus> statuses() {
        try (Stream<SupSyncStatus> s = client.query(SupSyncStatus.class, Wql.select("*").from("SMS_SUPSyncStatus")
                .build(), WmiContext.empty())) {
            return s.toList();
        }
    }

    /**
     * The synchronization status of one site (one ExecQuery).
     *
     * @param siteCode a site
     * @return its synchronization status, if it has a software update point
     */
    public Optional<SupSyncStatus> status(String siteCode) {
        return status(client, siteCode);
    }

    static Optional<SupSyncStatus> status(ProviderClient client, String siteCode) {
        try (Stream<SupSyncStatus> s = client.query(SupSyncStatus.class, Wql.select("*").from("SMS_SUPSyncStatus")
                .where(Criteria.eq("SiteCode", siteCode)).build(), WmiContext.empty())) {
            return s.findFirst();
        }
    }

    private long lastStatusMessageRecordId(String siteCode) {
        try (Stream<io.github.cm4j.cim.WmiObject> s = client.query(Wql.select("RecordID").from("SMS_StatusMessage")
                .where(Criteria.and(Criteria.eq("Component", COMPONENT), Criteria.eq("SiteCode", siteCode)))
                .orderByDescending("RecordID").build(), WmiContext.empty())) {
            return s.findFirst().map(o -> o.getLong("RecordID")).orElse(0L);
        }
    }

    /**
     * Names the namespace this view works on.
     *
     * @return e.g. {@code SoftwareUpdatePoint[root\sms\site_CAS]}
     */
    @Override
    public String toString() {
        return "SoftwareUpdatePoint[" + client.namespace() + "]";
    }
}
