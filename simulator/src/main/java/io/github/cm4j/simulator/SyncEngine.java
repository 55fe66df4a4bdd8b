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
 * <p>Scheduled synchronizations follow the {@code Sync Schedule} token of the top site's
 * {@code SMS_WSUS_SYNC_MANAGER} (committed copy; empty = none) on the simulated clock, in UTC: the "not
 * modified" start ({@code 1970-02-01 00:00}) means as soon as possible after the schedule was committed, then
 * per recurrence; a real start means its occurrences. Scheduled = full, manual = delta unless
 * {@code fullSync}. A full synchronization applies every upstream change pending since the last full one
 * (revisions, supersedence, expiry, removals); a delta one only inserts the new updates ({@link Catalog}).
 *
 * <p>A request made while a synchronization runs anywhere in the hierarchy is queued (one pending request;
 * a full request makes it full) and starts when the hierarchy is idle. A site whose synchronization failed
 * retries after {@link #RETRY_INTERVAL} ("Sync failed. Will retry in 60 minutes"); failures can be injected
 * at any site with {@link #failNext(String, SyncFailure)}. On ConfigMgr 2007 a {@code Sync Now} committed at
 * a child site is ignored with a {@code wsyncmgr.log} line.
 *
 * <p>Events happen when the clock passes their time and the provider is next called (or {@link #tick()} is
 * called); {@link #runToCompletion()} moves a {@link SimulatedClock} forward until the synchronization of
 * the whole hierarchy is over (scheduled ones are not waited for). Thread-safe.
 */
public final class SyncEngine {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MM-dd-yyyy HH:mm:ss.SSS", Locale.ROOT);
    private static final long INFORMATIONAL = 0x40000000L;
    private static final long ERROR = 0xC0000000L;
    private static final long WARNING = 0x80000000L;
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
    /** How long a site waits after a failed synchronization before it tries again (wsyncmgr.log "Will retry in 60 minutes"). */
    public static final Duration RETRY_INTERVAL = Duration.ofMinutes(60);

    private volatile int running;
    private volatile boolean stopped;
    private volatile long scheduleSerial = -1;
    private final Map<String, Long> syncNowSerials = new ConcurrentHashMap<>();
    /** Injected failures per site code, consumed one per synchronization of that site. */
    private final Map<String, java.util.Deque<int[]>> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSyncNowValue = new ConcurrentHashMap<>();
    private final java.util.Set<Long> ignoredSyncNow = ConcurrentHashMap.newKeySet();
    private final List<String> completed = new CopyOnWriteArrayList<>();
    /** A request that arrived while a synchronization was running: null, or whether it is full. */
    private Boolean queued;
    private String queuedReason;
    /** The Sync Schedule value last seen, the token, and when the next scheduled synchronization is due. */
    private String scheduleValue;
    private io.github.cm4j.schedule.ScheduleToken schedule;
    private Instant nextScheduled;
    private final Instant builtAt;
    private volatile Catalog.SyncChanges lastTopChanges;
    /** The time of the event being processed: a run starts at its event's time even when the clock jumped past it. */
    private volatile Instant eventTime;

    SyncEngine(SimulatedProvider sim) {
        this.sim = sim;
        this.builtAt = sim.clock().instant();
    }

    /**
     * Makes the next synchronization of the top site fail in its SMS database phase (status message 6703).
     *
     * @param errorCode the error the sync reports, e.g. 0x80131500
     */
    public void failNext(int errorCode) {
        failures.computeIfAbsent(sim.topSite().code(), k -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .add(new int[] {SyncFailure.of(errorCode).ordinal(), errorCode});
    }

    /**
     * Makes the next synchronization of a site end with a cause: a failure (6703 with the cause's error code and
     * log lines; a child then retries after {@link #RETRY_INTERVAL}), or 6707 / 6708. Calls add up: two calls
     * make the next two synchronizations of that site fail.
     *
     * @param siteCode any site of the hierarchy
     * @param cause the cause
     * @throws IllegalArgumentException if the site does not exist
     */
    public void failNext(String siteCode, SyncFailure cause) {
        String code = sim.site(siteCode).code();
        failures.computeIfAbsent(code, k -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .add(new int[] {cause.ordinal(), cause.errorCode()});
    }

    /** @return when the next scheduled synchronization is due, if a schedule is set (UTC, simulated clock) */
    public Optional<Instant> nextScheduledSync() {
        tick();
        synchronized (this) {
            return Optional.ofNullable(nextScheduled);
        }
    }

    /**
     * Stops or starts the {@code SMS_WSUS_SYNC_MANAGER} component of the top site (as Configuration Manager Service
     * Manager does): while stopped, requests are accepted and kept but nothing starts; starting it again runs them.
     *
     * @param running whether the component runs
     */
    public void componentRunning(boolean running) {
        boolean start;
        synchronized (this) {
            start = running && stopped && queued != null;
            stopped = !running;
            log(sim.topSite(), sim.clock().instant(), running ? "SMS_WSUS_SYNC_MANAGER started" : "SMS_WSUS_SYNC_MANAGER stopped");
        }
        if (start) {
            synchronized (this) {
                this.running++;
                completed.add("(component started)");
            }
            done(sim.topSite(), true, false);
        }
    }

    /** @return whether a request waits for the running synchronization to end */
    public synchronized boolean hasQueuedRequest() {
        return queued != null;
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
            checkSchedule();
            while (!stopped) {
                Event e;
                synchronized (this) {
                    e = pending.peek();
                    Instant due = nextScheduled;
                    if (due != null && !due.isAfter(sim.clock().instant()) && (e == null || !due.isAfter(e.at()))) {
                        e = new Event(due, 0, () -> scheduledWakeup(due));
                    } else if (e == null || e.at().isAfter(sim.clock().instant())) {
                        return;
                    } else {
                        pending.poll();
                    }
                }
                eventTime = e.at();
                try {
                    e.action().run();
                } finally {
                    eventTime = null;
                }
            }
        }
    }

    /** Reads the top site's Sync Schedule (committed) and recomputes the next scheduled time when it changed. */
    private void checkSchedule() {
        SimulatedSite top = sim.topSite();
        // Every provider call ticks: read the site control file only when a write changed it.
        long serial = sim.scf.serial(top.code());
        if (serial == scheduleSerial) {
            return;
        }
        scheduleSerial = serial;
        String value = property(top, "Sync Schedule").map(p -> p.getString("Value1")).orElse(null);
        value = value == null ? "" : value;
        synchronized (this) {
            if (value.equals(scheduleValue)) {
                return;
            }
            boolean initial = scheduleValue == null;
            scheduleValue = value;
            schedule = null;
            nextScheduled = null;
            if (value.isEmpty()) {
                if (!initial) {
                    log(top, sim.clock().instant(), "Sync schedule removed; synchronization on a schedule is disabled");
                }
                return;
            }
            try {
                schedule = io.github.cm4j.schedule.ScheduleTokens.parse(value);
            } catch (io.github.cm4j.ConfigMgrException e) {
                log(top, sim.clock().instant(), "Invalid sync schedule '" + value + "': " + e.getMessage());
                return;
            }
            Instant now = sim.clock().instant();
            // At build time the seeded last sync (SiteData) stands for the last scheduled one; a schedule committed
            // later starts as soon as possible when its start is the "not modified" value.
            Instant anchor = initial ? builtAt.minus(Duration.ofHours(6)) : now;
            nextScheduled = firstOccurrence(anchor, initial, now);
            if (!initial) {
                log(top, now, "Sync schedule changed to " + value + " (" + schedule.summary() + "); next scheduled sync at "
                        + (nextScheduled == null ? "never" : LOG_TIME.format(nextScheduled.atZone(ZoneOffset.UTC))));
            }
        }
    }

    private Instant firstOccurrence(Instant anchor, boolean initial, Instant now) {
        if (schedule.timing().isStartUnset() && schedule instanceof io.github.cm4j.schedule.ScheduleToken.RecurInterval ri) {
            Instant t = initial ? anchor.plus(Duration.ofMinutes(ri.spanMinutes())) : anchor;
            return t.isBefore(now) && initial ? now : t;
        }
        return schedule.next(now.minusMillis(1), ZoneOffset.UTC).orElse(null);
    }

    private void scheduledWakeup(Instant due) {
        SimulatedSite top = sim.topSite();
        synchronized (this) {
            if (!due.equals(nextScheduled)) {
                return;
            }
            if (schedule instanceof io.github.cm4j.schedule.ScheduleToken.RecurInterval ri && schedule.timing().isStartUnset()) {
                nextScheduled = due.plus(Duration.ofMinutes(ri.spanMinutes()));
            } else {
                nextScheduled = schedule.next(due, ZoneOffset.UTC).orElse(null);
            }
            log(top, due, "Wakeup for scheduled regular sync");
            if (running > 0) {
                queue(top, due, true, "regular schedule");
                return;
            }
        }
        start(top, true, "regular schedule", null);
    }

    /** Queues a request behind the running synchronization (caller holds the lock). */
    private void queue(SimulatedSite top, Instant at, boolean full, String reason) {
        queued = queued == null ? full : queued || full;
        queuedReason = queuedReason == null ? reason : queuedReason;
        if (stopped) {
            return; // nobody is there to log it; the request waits in the inbox
        }
        log(top, at, "Sync request queued: a synchronization is in progress in the hierarchy; the " + reason
                + " request will start when it is done");
    }

    private Optional<WmiObject> property(SimulatedSite site, String name) {
        WmiObject item = sim.scf.global(site.code()).values().stream().map(ScfSessions.Item::object)
                .filter(o -> o.has("ComponentName") && SiteData.SYNC_MANAGER.equals(o.getString("ComponentName"))).findFirst().orElse(null);
        if (item == null) {
            return Optional.empty();
        }
        return item.get("Props").map(CimValue::asObjectList).orElse(List.of()).stream()
                .filter(p -> name.equalsIgnoreCase(p.getString("PropertyName"))).findFirst();
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
        if (running > 0 || queued != null || stopped) {
            queue(site, now, full, "local request");
            return;
        }
        running++; // reserved now so that a second request in the same instant queues behind this one
        schedule(now, () -> {
            synchronized (this) {
                running--;
            }
            start(site, full, "local request", null);
        });
    }

    private void checkSyncNowProperty() {
        for (SimulatedSite site : sim.sites()) {
            long serial = sim.scf.serial(site.code());
            if (Long.valueOf(serial).equals(syncNowSerials.put(site.code(), serial))) {
                continue; // unchanged since the last look
            }
            long value = property(site, "Sync Now").map(p -> p.getLong("Value")).filter(v -> v != null).orElse(0L);
            boolean start = false;
            synchronized (this) {
                long last = lastSyncNowValue.getOrDefault(site.code(), 0L);
                if (value > last) {
                    lastSyncNowValue.put(site.code(), value);
                    if (!site.isTop()) {
                        log(site, sim.clock().instant(), "Sync Now request ignored: manual synchronization is not"
                                + " available at child site " + site.code() + "; it synchronizes when its parent "
                                + site.parentCode() + " asks");
                        continue;
                    }
                    start = true;
                } else if (value != 0 && value < last && site.isTop() && !ignoredSyncNow.contains(value)) {
                    ignoredSyncNow.add(value);
                    log(site, sim.clock().instant(), "Sync Now value " + value + " is not newer than the last request "
                            + last + "; no sync started");
                }
            }
            if (start) {
                requestManual(false, site);
            }
        }
    }

    private synchronized void schedule(Instant at, Runnable action) {
        pending.add(new Event(at, order.incrementAndGet(), action));
    }

    private void start(SimulatedSite site, boolean full, String reason, SimulatedSite parent) {
        synchronized (this) {
            running++;
        }
        Instant t0 = eventTime != null ? eventTime : sim.clock().instant();
        long mult = full ? 3 : 1;
        if (parent == null && reason.equals("regular schedule")) {
            // "Wakeup for scheduled regular sync" was logged by the wakeup.
        } else if (parent == null) {
            log(site, t0, "Wakeup by inbox drop");
            log(site, t0, "Found local sync request file");
        } else if (reason.equals("retry")) {
            log(site, t0, "Wakeup to retry the failed sync");
        } else {
            log(site, t0, "Wakeup by inbox drop");
            log(site, t0, "Found parent sync notification file " + parent.code() + ".SYN.");
        }
        log(site, t0, "Starting Sync");
        log(site, t0, "Performing sync on " + (parent != null && !reason.equals("retry") ? "parent request" : reason));
        log(site, t0, (full ? "Full" : "Delta") + " sync requested");
        log(site, t0, "Read SUPs from SCF for " + site.serverName().toUpperCase(Locale.ROOT));
        if (!sim.hasSoftwareUpdatePoint(site.code())) {
            // No software update point: nothing starts, no status message (the last line is ours: the wording of
            // a real site in this case is not in the public logs we have).
            log(site, t0, "Found 0 SUPs");
            log(site, t0, "No active software update point at site " + site.code() + "; nothing to synchronize");
            done(site, false, false);
            return;
        }
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
        java.util.Deque<int[]> injected = failures.get(site.code());
        int[] failure = injected == null ? null : injected.poll();
        SyncFailure cause = failure == null ? null : SyncFailure.values()[failure[0]];
        if (cause != null && cause.messageId() == 6703) {
            String guid = Catalog.uuid(t4.toEpochMilli(), 0xFA11);
            cause.logLines().forEach(l -> log(site, t4, l.replace("%GUID%", guid)));
            status(site, t4, 6703, ERROR, failure[1]);
            setState(site, t4, 6703, failure[1], false);
            log(site, t4, "Setting sync alert to active state on site " + site.code());
            if (!site.isTop()) {
                // wsyncmgr.log: "Sync failed. Will retry in 60 minutes"; a child retries from its parent.
                log(site, t4, "Sync failed. Will retry in " + RETRY_INTERVAL.toMinutes() + " minutes");
                schedule(t4.plus(RETRY_INTERVAL), () -> start(site, full, "retry", parent));
            }
            done(site, false);
            return;
        }
        Catalog.SyncChanges changes;
        if (parent == null) {
            changes = sim.catalog.synchronize(full, batch, t4.minusSeconds(60));
            lastTopChanges = changes;
        } else {
            Catalog.SyncChanges top = lastTopChanges;
            changes = top != null ? top : new Catalog.SyncChanges(sim.catalog.size() - batch, batch, 0, 0, 0, 0);
        }
        int added = changes.added();
        for (int i = changes.first(); i < changes.first() + Math.min(added, 5) && i < sim.catalog.size(); i++) {
            Catalog.Spec s = sim.catalog.spec(i);
            log(site, t4, "Synchronizing update " + s.uniqueId() + " - " + s.title());
        }
        log(site, t4, "sync: SMS synchronizing updates, processed " + added + " out of " + added + " items (100%)");
        if (full) {
            log(site, t4, String.format(Locale.ROOT, "Full sync: %d new, %d revised, %d newly superseded, %d newly expired,"
                    + " %d removed", added, changes.revised(), changes.superseded(), changes.expired(), changes.removed()));
        } else {
            log(site, t4, "Delta sync: " + added + " new; changes to existing updates are left for the next full sync");
        }
        log(site, t4, "Done synchronizing SMS with WSUS Server " + site.serverName());
        int endId = cause == null ? 6702 : cause.messageId();
        if (cause != null) {
            cause.logLines().forEach(l -> log(site, t4, l));
        }
        status(site, t4, endId, endId == 6707 ? WARNING : INFORMATIONAL, 0);
        setState(site, t4, endId, 0, endId != 6707);
        log(site, t4, "Sync succeeded. Setting sync alert to canceled state on site " + site.code());
        if (parent != null) {
            log(site, t4, "Successfully synced site with parent " + parent.code() + ", version " + sim.catalog.catalogVersion());
        }
        log(site, t4, "Updated " + (added + changes.modified()) + " items in SMS database, new update source content version is "
                + sim.catalog.catalogVersion());
        Duration took = Duration.between(t0, t4);
        log(site, t4, String.format(Locale.ROOT, "Sync time: %dd%02dh%02dm%02ds", took.toDays(), took.toHoursPart(),
                took.toMinutesPart(), took.toSecondsPart()));
        // A child without a software update point has nothing to synchronize and is not notified.
        List<SimulatedSite> children = sim.sites().stream().filter(c -> site.code().equals(c.parentCode()))
                .filter(c -> sim.hasSoftwareUpdatePoint(c.code())).toList();
        if (!children.isEmpty()) {
            log(site, t4, "Sending sync notification to child site(s): "
                    + String.join(", ", children.stream().map(SimulatedSite::code).toList()));
            for (SimulatedSite c : children) {
                synchronized (this) {
                    running++; // the child counts as running from the notification on
                }
                schedule(t4.plusSeconds(60), () -> {
                    synchronized (this) {
                        running--;
                    }
                    start(c, full, "parent request", site);
                });
            }
        }
        done(site, true);
    }

    private synchronized void done(SimulatedSite site, boolean ok) {
        done(site, ok, true);
    }

    private synchronized void done(SimulatedSite site, boolean ok, boolean record) {
        running--;
        if (record) {
            completed.add(site.code() + (ok ? "" : " (failed)"));
        } else {
            completed.remove("(component started)");
        }
        if (running == 0 && queued != null && !stopped) {
            boolean full = queued;
            String reason = queuedReason;
            queued = null;
            queuedReason = null;
            SimulatedSite top = sim.topSite();
            Instant now = eventTime != null ? eventTime : sim.clock().instant();
            log(top, now, "Starting the queued " + reason + " sync");
            running++;
            schedule(now, () -> {
                synchronized (this) {
                    running--;
                }
                start(top, full, reason, null);
            });
        }
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
                            .with("LastSyncErrorCode", error & 0xFFFF_FFFFL);
                    if (success) {
                        n = n.with("LastSuccessfulSyncTime", SiteData.dt(at))
                                .with("SyncCatalogVersion", (long) sim.catalog.catalogVersion());
                    }
                    t.store(n);
                });
    }

    private void status(SimulatedSite site, Instant at, int messageId, long severity) {
        status(site, at, messageId, severity, 0);
    }

    private void status(SimulatedSite site, Instant at, int messageId, long severity, int win32Error) {
        if (state(messageId)) {
            setState(site, at, messageId, 0, false);
        }
        sim.statusMessages.store(WmiObject.builder(sim.statusMessages.wmiClass())
                .set("RecordID", recordId.incrementAndGet()).set("Component", COMPONENT)
                .set("MachineName", site.serverName().toUpperCase(Locale.ROOT)).set("MessageID", (long) messageId)
                .set("MessageType", 256L).set("ModuleName", "SMS Server").set("PerClient", 0L)
                .set("ProcessID", 4312L).set("ThreadID", 5468L).set("ReportFunction", 0L).set("Severity", severity)
                .set("SiteCode", site.code()).set("TopLevelSiteCode", sim.topSite().code()).set("SuccessfulTransaction", 0L)
                .set("Transaction", 0L).set("Win32Error", win32Error & 0xFFFF_FFFFL).set("Time", SiteData.dt(at))
                .build());
        log(site, at, String.format(Locale.ROOT, "STATMSG: ID=%d SEV=%s LEV=M SOURCE=\"SMS Server\" COMP=\"%s\" SYS=%s"
                        + " SITE=%s PID=4312 TID=5468 GMTDATE=%s ISTR0=\"\" ISTR1=\"\" ISTR2=\"\" ISTR3=\"\" ISTR4=\"\""
                        + " ISTR5=\"\" ISTR6=\"\" ISTR7=\"\" ISTR8=\"\" ISTR9=\"\" NUMATTRS=0", messageId,
                severity == ERROR ? "E" : severity == WARNING ? "W" : "I", COMPONENT, site.serverName().toUpperCase(Locale.ROOT), site.code(),
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
