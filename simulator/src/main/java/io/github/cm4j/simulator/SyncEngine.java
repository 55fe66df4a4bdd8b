package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The software update point synchronization of a simulated hierarchy, on the simulated clock.
 *
 * <p>A manual synchronization ({@code SMS_SoftwareUpdate.SyncNow} on current branch; on 2007 a
 * {@code Sync Now} embedded property of the top site's {@code SMS_WSUS_SYNC_MANAGER} newer than the last
 * request) starts at the top site only; a child site refuses it. A manual request is a delta
 * synchronization unless {@code fullSync} is true; a full synchronization takes three times as long. Phases
 * and status messages of component {@code SMS_WSUS_SYNC_MANAGER}: 6701 (started), 6704 (WSUS synchronization
 * in progress), 6705 (SMS database synchronization in progress; the "next catalog" of new updates arrives
 * here), then 6702 (done) or 6703 (failed, when a failure was injected with {@link #failNext(int)}). Each
 * phase updates {@code SMS_SUPSyncStatus} and writes {@code wsyncmgr.log} lines in the site-server log
 * format. After the top site is done, each child site synchronizes from its parent, then their children.
 *
 * <p>Events happen when the clock passes their time and the provider is next called (or {@link #tick()} is
 * called); {@link #runToCompletion()} moves a {@link SimulatedClock} forward until the synchronization of
 * the whole hierarchy is over. Thread-safe.
 */
public final class SyncEngine {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MM-dd-yyyy HH:mm:ss.SSS", Locale.ROOT);
    private static final long INFORMATIONAL = 0x40000000L;
    private static final long ERROR = 0xC0000000L;
    private static final String COMPONENT = SiteData.SYNC_MANAGER;

    private record Event(Instant at, long order, Runnable action) {
    }

    private final SimulatedProvider sim;
    /** Serialises event processing (lock order: processing, then this). */
    private final Object processing = new Object();
    private final PriorityQueue<Event> pending = new PriorityQueue<>(
            Comparator.comparing(Event::at).thenComparingLong(Event::order));
    private final Map<String, List<String>> logs = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final AtomicLong recordId = new AtomicLong(72_057_594_037_937_000L);
    private volatile int running;
    private volatile int failNext;
    private long lastSyncNowValue;
    private final List<String> completed = new CopyOnWriteArrayList<>();

    SyncEngine(SimulatedProvider sim) {
        this.sim = sim;
    }

    /**
     * Makes the next synchronization of the top site fail in its SMS database phase (status message 6703).
     *
     * @param errorCode the error the sync reports, e.g. 0x80131500
     */
    public void failNext(int errorCode) {
        this.failNext = errorCode;
    }

    /** @return whether a synchronization is under way somewhere in the hierarchy */
    public boolean isRunning() {
        tick();
        return running > 0;
    }

    /**
     * The {@code wsyncmgr.log} of a site.
     *
     * @param siteCode a site code
     * @return its lines, oldest first
     */
    public List<String> log(String siteCode) {
        tick();
        return List.copyOf(logs.getOrDefault(siteCode.toUpperCase(Locale.ROOT), List.of()));
    }

    /** @return the sites whose synchronization finished, in order, e.g. {@code [CAS, PS1, PS2]} */
    public List<String> completedSyncs() {
        tick();
        return List.copyOf(completed);
    }

    /**
     * Moves the simulated clock to the end of the synchronizations under way and processes them.
     *
     * @return the clock's new instant
     * @throws IllegalStateException when the provider's clock is not a {@link SimulatedClock}
     */
    public Instant runToCompletion() {
        Clock clock = sim.clock();
        if (!(clock instanceof SimulatedClock)) {
            throw new IllegalStateException("runToCompletion needs a SimulatedClock; this provider runs on " + clock);
        }
        SimulatedClock c = (SimulatedClock) clock;
        while (true) {
            Instant next;
            synchronized (this) {
                Event e = pending.peek();
                if (e == null) {
                    return c.instant();
                }
                next = e.at();
            }
            if (next.isAfter(c.instant())) {
                c.set(next);
            }
            tick();
        }
    }

    /**
     * Processes the events whose time has come, in time order (one thread at a time, so phases never
     * interleave). Called at the start of every provider call.
     */
    public void tick() {
        synchronized (processing) {
            if (sim.version() == ProviderVersion.CM2007) {
                checkSyncNowProperty();
            }
            while (true) {
                Event e;
                synchronized (this) {
                    e = pending.peek();
                    if (e == null || e.at().isAfter(sim.clock().instant())) {
                        return;
                    }
                    pending.poll();
                }
                e.action().run();
            }
        }
    }

    /** Called after a CommitSCF: a 2007 {@code Sync Now} edit takes effect. */
    void afterCommit(String siteCode) {
        tick();
    }

    /**
     * Starts a manual synchronization (SyncNow, or the 2007 Sync Now property).
     *
     * @throws SimulatedFault {@code WBEM_E_NOT_SUPPORTED} at a child site
     */
    synchronized void requestManual(boolean full, SimulatedSite site) {
        if (!site.isTop()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_NOT_SUPPORTED, "manual synchronization is only possible at the"
                    + " top site " + sim.topSite().code() + "; child site " + site.code() + " synchronizes when its parent asks");
        }
        Instant now = sim.clock().instant();
        if (running > 0) {
            log(site, now, "Sync is already in progress; the new request will be handled by it");
            return;
        }
        schedule(now, () -> start(site, full, "local request", null));
    }

    private void checkSyncNowProperty() {
        SimulatedSite top = sim.topSite();
        WmiObject item = sim.scf.global(top.code()).values().stream().map(ScfSessions.Item::object)
                .filter(o -> SiteData.SYNC_MANAGER.equals(o.getString("ComponentName"))).findFirst().orElse(null);
        if (item == null) {
            return;
        }
        long value = item.get("Props").map(CimValue::asObjectList).orElse(List.of()).stream()
                .filter(p -> "Sync Now".equalsIgnoreCase(p.getString("PropertyName")))
                .map(p -> p.getLong("Value")).filter(v -> v != null).findFirst().orElse(0L);
        boolean start = false;
        synchronized (this) {
            if (value > lastSyncNowValue) {
                lastSyncNowValue = value;
                start = running == 0;
            }
        }
        if (start) {
            requestManual(false, top);
        }
    }

    private synchronized void schedule(Instant at, Runnable action) {
        pending.add(new Event(at, order.incrementAndGet(), action));
    }

    private void start(SimulatedSite site, boolean full, String reason, SimulatedSite parent) {
        synchronized (this) {
            running++;
        }
        Instant t0 = sim.clock().instant();
        long mult = full ? 3 : 1;
        if (parent == null) {
            log(site, t0, "Wakeup by inbox drop");
            log(site, t0, "Found local sync request file");
        } else {
            log(site, t0, "Wakeup by inbox drop");
            log(site, t0, "Found parent sync notification file " + parent.code() + ".SYN.");
        }
        log(site, t0, "Starting Sync");
        log(site, t0, "Performing sync on " + (parent != null ? "parent request" : reason));
        log(site, t0, (full ? "Full" : "Delta") + " sync requested");
        log(site, t0, "Read SUPs from SCF for " + site.serverName().toUpperCase(Locale.ROOT));
        log(site, t0, "Found 1 SUPs");
        log(site, t0, "Found active SUP " + site.serverName().toUpperCase(Locale.ROOT) + " from SCF File.");
        status(site, t0, 6701, INFORMATIONAL);
        Instant t1 = t0.plusSeconds(60);
        schedule(t1, () -> {
            status(site, t1, 6704, INFORMATIONAL);
            log(site, t1, "Synchronizing WSUS server " + site.serverName() + " ...");
            log(site, t1, "sync: Starting WSUS synchronization");
        });
        Instant t2 = t0.plus(Duration.ofMinutes(2 * mult));
        int batch = sim.catalog.nextBatchSize();
        schedule(t2, () -> {
            log(site, t2, "sync: WSUS synchronizing categories");
            log(site, t2, "sync: WSUS synchronizing updates");
            log(site, t2, "sync: WSUS synchronizing updates, processed " + batch + " out of " + batch + " items (100%)");
            log(site, t2, "Done synchronizing WSUS Server " + site.serverName());
            log(site, t2, "Set content version of update source {" + updateSource() + "} for site " + site.code()
                    + " to " + (sim.catalog.catalogVersion() + 1));
        });
        Instant t3 = t0.plus(Duration.ofMinutes(3 * mult));
        schedule(t3, () -> {
            status(site, t3, 6705, INFORMATIONAL);
            log(site, t3, "Synchronizing SMS database with WSUS server " + site.serverName() + " ...");
            log(site, t3, "sync: SMS synchronizing categories");
            log(site, t3, "sync: SMS synchronizing categories, processed " + Categories.ALL.size() + " out of "
                    + Categories.ALL.size() + " items (100%)");
            log(site, t3, "sync: SMS synchronizing updates");
        });
        Instant t4 = t0.plus(Duration.ofMinutes(4 * mult));
        schedule(t4, () -> finish(site, full, t0, t4, batch, parent));
    }

    private void finish(SimulatedSite site, boolean full, Instant t0, Instant t4, int batch, SimulatedSite parent) {
        int error = parent == null ? failNext : 0;
        if (error != 0) {
            failNext = 0;
            log(site, t4, "Failed to sync update " + Catalog.uuid(t4.toEpochMilli(), 0xFA11) + ". Error: The Microsoft"
                    + " Software License Terms have not been completely downloaded and~~cannot be accepted. Source:"
                    + " Microsoft.UpdateServices.Internal.BaseApi.LicenseAgreement.GetById");
            status(site, t4, 6703, ERROR);
            setState(site, t4, 6703, error, false);
            log(site, t4, "Sync failed: Failed to sync some of the updates. Source: Microsoft.UpdateServices.Internal.BaseApi.SoftwareUpdate.SyncUpdates");
            log(site, t4, "Setting sync alert to active state on site " + site.code());
            done(site, false);
            return;
        }
        int first;
        int added;
        if (parent == null) {
            first = sim.catalog.grow(batch, t4.minusSeconds(60));
            added = batch;
        } else {
            first = sim.catalog.size() - batch;
            added = batch;
        }
        for (int i = first; i < first + Math.min(added, 5) && i < sim.catalog.size(); i++) {
            Catalog.Spec s = sim.catalog.spec(i);
            log(site, t4, "Synchronizing update " + s.uniqueId() + " - " + s.title());
        }
        log(site, t4, "sync: SMS synchronizing updates, processed " + added + " out of " + added + " items (100%)");
        log(site, t4, "Done synchronizing SMS with WSUS Server " + site.serverName());
        status(site, t4, 6702, INFORMATIONAL);
        setState(site, t4, 6702, 0, true);
        log(site, t4, "Sync succeeded. Setting sync alert to canceled state on site " + site.code());
        log(site, t4, "Updated " + added + " items in SMS database, new update source content version is "
                + sim.catalog.catalogVersion());
        Duration took = Duration.between(t0, t4);
        log(site, t4, String.format(Locale.ROOT, "Sync time: %dd%02dh%02dm%02ds", took.toDays(), took.toHoursPart(),
                took.toMinutesPart(), took.toSecondsPart()));
        List<SimulatedSite> children = sim.sites().stream().filter(c -> site.code().equals(c.parentCode())).toList();
        if (!children.isEmpty()) {
            log(site, t4, "Sending sync notification to child site(s): "
                    + String.join(", ", children.stream().map(SimulatedSite::code).toList()));
            for (SimulatedSite c : children) {
                schedule(t4.plusSeconds(60), () -> start(c, full, "parent request", site));
            }
        }
        done(site, true);
    }

    private synchronized void done(SimulatedSite site, boolean ok) {
        running--;
        completed.add(site.code() + (ok ? "" : " (failed)"));
    }

    private String updateSource() {
        return Catalog.uuid(sim.seed(), 0x50CE).toUpperCase(Locale.ROOT);
    }

    private void setState(SimulatedSite site, Instant at, int state, int error, boolean success) {
        StoredTable t = sim.syncStatus;
        t.scan(new Ctx(site, java.util.Set.of(site.code()), null))
                .map(r -> r.toObject(true)).filter(o -> site.code().equalsIgnoreCase(o.getString("SiteCode")))
                .findFirst().ifPresent(o -> {
                    WmiObject n = o.with("LastSyncState", (long) state).with("LastSyncStateTime", SiteData.dt(at))
                            .with("LastSyncErrorCode", error & 0xFFFF_FFFFL)
                            .with("SyncCatalogVersion", (long) sim.catalog.catalogVersion());
                    if (success) {
                        n = n.with("LastSuccessfulSyncTime", SiteData.dt(at));
                    }
                    t.store(n);
                });
    }

    private void status(SimulatedSite site, Instant at, int messageId, long severity) {
        if (state(messageId)) {
            setState(site, at, messageId, 0, false);
        }
        sim.statusMessages.store(WmiObject.builder(sim.statusMessages.wmiClass())
                .set("RecordID", recordId.incrementAndGet()).set("Component", COMPONENT)
                .set("MachineName", site.serverName().toUpperCase(Locale.ROOT)).set("MessageID", (long) messageId)
                .set("MessageType", 256L).set("ModuleName", "SMS Server").set("PerClient", 0L)
                .set("ProcessID", 4312L).set("ThreadID", 5468L).set("ReportFunction", 0L).set("Severity", severity)
                .set("SiteCode", site.code()).set("TopLevelSiteCode", sim.topSite().code()).set("SuccessfulTransaction", 0L)
                .set("Transaction", 0L).set("Win32Error", 0L).set("Time", SiteData.dt(at))
                .build());
        log(site, at, String.format(Locale.ROOT, "STATMSG: ID=%d SEV=%s LEV=M SOURCE=\"SMS Server\" COMP=\"%s\" SYS=%s"
                        + " SITE=%s PID=4312 TID=5468 GMTDATE=%s ISTR0=\"\" ISTR1=\"\" ISTR2=\"\" ISTR3=\"\" ISTR4=\"\""
                        + " ISTR5=\"\" ISTR6=\"\" ISTR7=\"\" ISTR8=\"\" ISTR9=\"\" NUMATTRS=0", messageId,
                severity == ERROR ? "E" : "I", COMPONENT, site.serverName().toUpperCase(Locale.ROOT), site.code(),
                DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSS yyyy", Locale.ROOT).format(at.atZone(ZoneOffset.UTC))));
    }

    private static boolean state(int messageId) {
        return messageId == 6701 || messageId == 6704 || messageId == 6705;
    }

    private void log(SimulatedSite site, Instant at, String text) {
        String line = text + "  $$<" + COMPONENT + "><" + LOG_TIME.format(at.atZone(ZoneOffset.UTC)) + "+000><thread=5468 (0x155C)>";
        logs.computeIfAbsent(site.code(), k -> new CopyOnWriteArrayList<>()).add(line);
    }

    /** @return the site's last LastSyncState, if it has a SMS_SUPSyncStatus row */
    Optional<Long> lastSyncState(String siteCode) {
        return sim.syncStatus.scan(new Ctx(sim.site(siteCode), java.util.Set.of(siteCode), null)).map(r -> r.toObject(true))
                .filter(o -> siteCode.equalsIgnoreCase(o.getString("SiteCode"))).findFirst()
                .map(o -> o.getLong("LastSyncState"));
    }

}
