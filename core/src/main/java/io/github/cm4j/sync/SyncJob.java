package io.github.cm4j.sync;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.StatusMessage;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A synchronization that was triggered by {@link SoftwareUpdatePoint#synchronize(SyncMode)}, watched from
 * the client. Each poll is two ExecQuery calls: the new status messages of {@code SMS_WSUS_SYNC_MANAGER} at
 * the site ({@code RecordID} above the last one seen before the trigger — record IDs rather than times,
 * so that a client clock that differs from the site server's does not matter) and the site's
 * {@code SMS_SUPSyncStatus} row. Messages count from the first 6701 after the trigger, so the end of a
 * synchronization that was already running is not taken for this one's.
 *
 * <p>Until that 6701 arrives {@link #await} also reads every site's status and the provider's clock (one ExecQuery
 * each per poll; the clock in the site server's {@code root\cimv2}, see {@link #gracePeriod()}): while another
 * synchronization runs, the
 * request is queued behind it (noted once, {@link SyncListener#onNote}); once nothing else runs, the job waits at
 * most its {@linkplain #gracePeriod() grace period} and then ends {@link SyncOutcome#NOT_STARTED} with the reason
 * it can find in {@link SyncResult#notes()}. {@link #awaitHierarchy} follows the child sites too. Thread-safe
 * (polls are serialised).
 */
public final class SyncJob {
    /** First wait between polls; doubled after each poll up to {@link #MAX_POLL_INTERVAL}. */
    public static final Duration FIRST_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Longest wait between polls. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(15);

    private final ProviderClient client;
    private final String siteCode;
    private final SyncMode mode;
    private final Instant triggeredAt;
    private final Optional<Instant> baselineStateTime;
    private long lastRecordId;
    private final List<SyncProgress> progress = new ArrayList<>();
    private SyncResult last;
    private long lastFailureWin32Error;
    private final long baselineRecordId;
    private final Duration gracePeriod;
    private final List<String> notes = new ArrayList<>();
    /** A reason the request may be ignored, known at trigger time (2007: a stored Sync Now later than ours). */
    private final Optional<String> suspectedReason;
    /** Whether a 6701 arrived after the trigger: only then do final messages belong to this job. */
    private boolean started;
    /**
     * Start of the grace period: the trigger, or the last poll that saw another synchronization running; on the
     * provider's clock when it can be read ({@link #graceClockNow}), else on the connection's.
     */
    private Instant graceFrom;
    /** Whether the provider host's clock answered (null: not tried yet). */
    private Boolean providerClock;
    /** The last reading of the grace clock, and whether it was the provider's. */
    private Instant lastGraceNow;
    private boolean queuedNoted;

    SyncJob(ProviderClient client, String siteCode, SyncMode mode, Instant triggeredAt, long baselineRecordId,
            Optional<Instant> baselineStateTime, Duration gracePeriod, Optional<String> suspectedReason) {
        this.client = client;
        this.siteCode = siteCode;
        this.mode = mode;
        this.triggeredAt = triggeredAt;
        this.lastRecordId = baselineRecordId;
        this.baselineRecordId = baselineRecordId;
        this.baselineStateTime = baselineStateTime;
        this.gracePeriod = gracePeriod;
        this.suspectedReason = suspectedReason;
        suspectedReason.ifPresent(notes::add);
    }

    /**
     * How long the job waits for 6701 (started) while nothing else synchronizes before it ends
     * {@link SyncOutcome#NOT_STARTED}; measured on the provider's clock (the site server's
     * {@code Win32_OperatingSystem.LocalDateTime}) when the connection can read it, else on the connection's clock.
     *
     * @return the grace period ({@link SoftwareUpdatePoint#DEFAULT_GRACE_PERIOD} unless set)
     */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    /**
     * The site that synchronizes: the top-level site of the connection.
     *
     * @return the site code
     */
    public String siteCode() {
        return siteCode;
    }

    /**
     * The kind of synchronization that was triggered.
     *
     * @return the mode asked for
     */
    public SyncMode mode() {
        return mode;
    }

    /**
     * When the synchronization was triggered.
     *
     * @return the instant, by the client's clock
     */
    public Instant triggeredAt() {
        return triggeredAt;
    }

    /**
     * Polls once, without waiting (two ExecQuery calls).
     *
     * @return where the synchronization stands ({@link SyncOutcome#IN_PROGRESS} until a final state is seen)
     */
    public synchronized SyncResult status() {
        return poll(SyncListener.none(), Duration.ZERO);
    }

    /**
     * Waits until the synchronization ends or the timeout passes, polling with backoff (1 s doubling to 15 s).
     *
     * @param timeout how long to wait at most, not negative
     * @return the result; {@link SyncOutcome#TIMED_OUT} when the deadline passed first
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws io.github.cm4j.ConfigMgrException when the thread is interrupted (the interrupt flag is kept)
     */
    public SyncResult await(Duration timeout) {
        return await(timeout, SyncListener.none());
    }

    /**
     * Waits until the synchronization ends or the timeout passes, reporting each new status message.
     *
     * @param timeout how long to wait at most, not negative
     * @param listener receives progress on this thread
     * @return the result; {@link SyncOutcome#TIMED_OUT} when the deadline passed first
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ConfigMgrException when the thread is interrupted (the interrupt flag is kept)
     */
    public synchronized SyncResult await(Duration timeout, SyncListener listener) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        Instant start = client.clock().instant();
        Instant deadline = start.plus(timeout);
        Duration interval = FIRST_POLL_INTERVAL;
        while (true) {
            SyncResult r = poll(listener, Duration.between(start, client.clock().instant()));
            if (r.outcome().isTerminal()) {
                return r;
            }
            Instant now = client.clock().instant();
            if (!started) {
                SyncResult notStarted = checkGrace(listener, now, Duration.between(start, now));
                if (notStarted != null) {
                    return notStarted;
                }
            }
            if (!now.isBefore(deadline)) {
                if (!started) {
                    note(listener, "no 6701 (started) from " + SoftwareUpdatePoint.COMPONENT + " at " + siteCode
                            + " before the deadline");
                }
                last = new SyncResult(siteCode, SyncOutcome.TIMED_OUT, r.progress(), r.status(), r.errorCode(),
                        Duration.between(start, now), notes);
                return last;
            }
            Duration remaining = Duration.between(now, deadline);
            try {
                client.sleeper().sleep(interval.compareTo(remaining) < 0 ? interval : remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigMgrException("interrupted while waiting for the synchronization of " + siteCode, e);
            }
            interval = interval.multipliedBy(2).compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : interval.multipliedBy(2);
        }
    }

    private SyncResult poll(SyncListener listener, Duration waited) {
        try (Stream<StatusMessage> s = client.query(StatusMessage.class, Wql.select("*").from("SMS_StatusMessage")
                .where(Criteria.and(Criteria.eq("Component", SoftwareUpdatePoint.COMPONENT),
                        Criteria.eq("SiteCode", siteCode), Criteria.gt("RecordID", lastRecordId)))
                .orderBy("RecordID").build(), WmiContext.empty())) {
            s.forEach(m -> {
                lastRecordId = Math.max(lastRecordId, m.recordId());
                if (m.messageId() == SyncState.FAILED.code()) {
                    lastFailureWin32Error = m.win32Error();
                }
                SyncState state = SyncState.fromCode(m.messageId()).orElse(null);
                if (state == null) {
                    return; // other messages of the component (e.g. WSUS configuration) are not sync progress
                }
                if (state == SyncState.STARTED) {
                    started = true;
                }
                if (!started) {
                    return; // the end of a synchronization that was running before this request: not ours
                }
                SyncProgress p = new SyncProgress(m.siteCode(), state, m.messageId(), m.text().orElse(state.text()),
                        m.time(), m.recordId());
                progress.add(p);
                listener.onProgress(p);
            });
        }
        Optional<SupSyncStatus> status = SoftwareUpdatePoint.status(client, siteCode);
        SyncOutcome outcome = SyncOutcome.IN_PROGRESS;
        long error = 0;
        for (SyncProgress p : progress) {
            SyncOutcome o = outcomeOf(p.phase());
            if (o.isTerminal()) {
                outcome = o;
            } else if (p.phase() == SyncState.STARTED) {
                outcome = SyncOutcome.IN_PROGRESS; // a new run after an earlier final state
            }
        }
        if (outcome == SyncOutcome.IN_PROGRESS && lastRecordId == 0 && status.isPresent() && isNewerThanBaseline(status.get())) {
            // No status message (e.g. no right to read them): the status row tells the final state too.
            outcome = status.get().lastSyncState().map(SyncJob::outcomeOf).orElse(SyncOutcome.IN_PROGRESS);
        }
        if (outcome == SyncOutcome.FAILED) {
            error = status.map(SupSyncStatus::lastSyncErrorCode).filter(c -> c != 0).orElse(lastFailureWin32Error);
        }
        last = new SyncResult(siteCode, outcome, progress, status, error, waited, notes);
        return last;
    }

    private void note(SyncListener listener, String text) {
        notes.add(text);
        listener.onNote(text);
    }

    /** The query that reads the provider host's clock (root\cimv2; every Windows has it, WMI's own class). */
    static final String PROVIDER_CLOCK_QUERY = "SELECT LocalDateTime FROM Win32_OperatingSystem";

    /**
     * "Now" for the grace period: the provider's time, so that a grace period of 5 minutes is 5 minutes of the site's
     * (the simulator served by {@code cm4j serve --speed N} runs N times faster than this machine; on a real site the
     * two clocks advance alike and only their offset differs, which a difference of two readings cancels). Read from
     * {@code root\cimv2 Win32_OperatingSystem.LocalDateTime} of the provider host, one ExecQuery per check with the
     * call deadline; when that namespace cannot be read (no Remote Enable on root\cimv2, an AdminService, a recording)
     * the connection's clock is used from then on, continuing the elapsed time measured so far.
     */
    private Instant graceClockNow(Instant clientNow) {
        if (!Boolean.FALSE.equals(providerClock)) {
            Optional<Instant> p = readProviderClock();
            if (p.isPresent()) {
                providerClock = true;
                lastGraceNow = p.get();
                return p.get();
            }
            if (Boolean.TRUE.equals(providerClock) && graceFrom != null && lastGraceNow != null) {
                // The provider's clock stopped answering: go on on ours, keeping the grace time already elapsed.
                graceFrom = clientNow.minus(Duration.between(graceFrom, lastGraceNow));
            } else if (graceFrom != null && !Boolean.TRUE.equals(providerClock)) {
                graceFrom = null;
            }
            providerClock = false;
        }
        lastGraceNow = clientNow;
        return clientNow;
    }

    private Optional<Instant> readProviderClock() {
        try (Stream<io.github.cm4j.cim.WmiObject> s = client.transport().query("root\\cimv2", PROVIDER_CLOCK_QUERY,
                client.queryOptions(), WmiContext.empty())) {
            return s.findFirst().flatMap(o -> o.get("LocalDateTime")).map(v -> v.asDateTime().toInstant());
        } catch (ConfigMgrException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** No 6701 yet: queued behind a running synchronization, or not picked up once the grace period is over. */
    private SyncResult checkGrace(SyncListener listener, Instant clientNow, Duration waited) {
        Instant now = graceClockNow(clientNow);
        if (graceFrom == null) {
            // The first check follows the trigger's poll at once; on the client's clock the trigger itself.
            graceFrom = Boolean.TRUE.equals(providerClock) ? now : triggeredAt;
        }
        List<SupSyncStatus> all = statuses();
        Optional<SupSyncStatus> busy = all.stream().filter(s -> s.lastSyncState().map(SyncJob::isRunningState).orElse(false))
                .findFirst();
        if (busy.isPresent()) {
            if (!queuedNoted) {
                queuedNoted = true;
                note(listener, "queued behind a running synchronization (site " + busy.get().siteCode() + " is at "
                        + busy.get().lastSyncState().map(s -> s.code()).orElse(0L) + busy.get().lastSyncStateTime()
                        .map(t -> " since " + t).orElse("") + "); it starts when that one is done");
            }
            graceFrom = now;
            return null;
        }
        if (Duration.between(graceFrom, now).compareTo(gracePeriod) < 0) {
            return null;
        }
        String reason;
        if (all.stream().noneMatch(s -> s.siteCode().equalsIgnoreCase(siteCode))) {
            reason = "no active software update point at site " + siteCode + " (it has no SMS_SUPSyncStatus row):"
                    + " install the software update point role at the top-level site";
        } else if (suspectedReason.isPresent()) {
            reason = suspectedReason.get();
        } else {
            reason = "the request was not picked up and nothing else is synchronizing: check that "
                    + SoftwareUpdatePoint.COMPONENT + " runs on the site server of " + siteCode + " (wsyncmgr.log)";
        }
        note(listener, "no 6701 (started) from " + SoftwareUpdatePoint.COMPONENT + " at " + siteCode + " within "
                + io.github.cm4j.Durations.human(gracePeriod) + " of " + (!queuedNoted ? "the trigger" : "the end of the running"
                + " synchronization") + (Boolean.TRUE.equals(providerClock) ? " (by the site server's clock)" : "") + "; " + reason);
        last = new SyncResult(siteCode, SyncOutcome.NOT_STARTED, progress, last == null ? Optional.empty() : last.status(),
                0, waited, notes);
        return last;
    }

    private List<SupSyncStatus> statuses() {
        try (Stream<SupSyncStatus> s = client.query(SupSyncStatus.class, Wql.select("*").from("SMS_SUPSyncStatus").build(),
                WmiContext.empty())) {
            return s.toList();
        }
    }

    private static boolean isRunningState(SyncState s) {
        return s == SyncState.STARTED || s == SyncState.SYNCHRONIZING_WSUS || s == SyncState.SYNCHRONIZING_SITE_DATABASE
                || s == SyncState.SYNCHRONIZING_INTERNET_WSUS;
    }

    /**
     * Waits for the top site (as {@link #await(Duration, SyncListener)}), then for every child site to have the
     * new catalog: a child is done when its {@code SMS_SUPSyncStatus} shows 6702 with a {@code SyncCatalogVersion}
     * at least the top site's. A child whose synchronization failed retries by itself (after 60 minutes on a real
     * site), so its failures are reported as progress and the wait goes on until it succeeds or the deadline.
     *
     * @param timeout how long to wait in all, not negative
     * @param listener receives the status messages of every site, and notes
     * @return one result per site with a software update point, the top site first
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ConfigMgrException when the thread is interrupted (the interrupt flag is kept)
     */
    public synchronized HierarchySyncResult awaitHierarchy(Duration timeout, SyncListener listener) {
        Objects.requireNonNull(listener, "listener");
        Instant start = client.clock().instant();
        Instant deadline = start.plus(timeout);
        SyncResult top = await(timeout, listener);
        List<SupSyncStatus> rows = statuses();
        List<String> children = rows.stream().map(SupSyncStatus::siteCode).filter(c -> !c.equalsIgnoreCase(siteCode)).toList();
        java.util.Map<String, List<SyncProgress>> seen = new java.util.LinkedHashMap<>();
        children.forEach(c -> seen.put(c, new ArrayList<>()));
        if (!top.isSuccess()) {
            List<SyncResult> out = new ArrayList<>(List.of(top));
            for (String c : children) {
                out.add(new SyncResult(c, SyncOutcome.NOT_STARTED, List.of(), rows.stream().filter(r -> r.siteCode()
                        .equals(c)).findFirst(), 0, top.waited(), List.of("not asked: the top site " + siteCode
                        + " ended " + top.outcome())));
            }
            return new HierarchySyncResult(out);
        }
        long target = top.status().map(SupSyncStatus::syncCatalogVersion).orElse(0L);
        // A child's runs for this synchronization start after the top site's; its messages before the top's 6701
        // belong to an earlier run (e.g. the one this request was queued behind).
        long record = progress.stream().filter(p -> p.phase() == SyncState.STARTED).findFirst()
                .map(SyncProgress::recordId).orElse(baselineRecordId);
        Duration interval = FIRST_POLL_INTERVAL;
        while (true) {
            try (Stream<StatusMessage> s = client.query(StatusMessage.class, Wql.select("*").from("SMS_StatusMessage")
                    .where(Criteria.and(Criteria.eq("Component", SoftwareUpdatePoint.COMPONENT),
                            Criteria.gt("RecordID", record))).orderBy("RecordID").build(), WmiContext.empty())) {
                for (StatusMessage m : (Iterable<StatusMessage>) s::iterator) {
                    record = Math.max(record, m.recordId());
                    List<SyncProgress> list = seen.get(m.siteCode());
                    SyncState state = SyncState.fromCode(m.messageId()).orElse(null);
                    if (list == null || state == null) {
                        continue;
                    }
                    SyncProgress p = new SyncProgress(m.siteCode(), state, m.messageId(), m.text().orElse(state.text()),
                            m.time(), m.recordId());
                    list.add(p);
                    listener.onProgress(p);
                }
            }
            rows = statuses();
            Instant now = client.clock().instant();
            boolean allDone = true;
            List<SyncResult> out = new ArrayList<>(List.of(top));
            for (String c : children) {
                Optional<SupSyncStatus> row = rows.stream().filter(r -> r.siteCode().equals(c)).findFirst();
                boolean done = row.map(r -> r.lastSyncState().orElse(null) == SyncState.DONE && r.syncCatalogVersion() >= target)
                        .orElse(false);
                List<SyncProgress> p = seen.get(c);
                long failures = p.stream().filter(x -> x.phase() == SyncState.FAILED).count();
                List<String> childNotes = failures == 0 ? List.of() : List.of(failures + " failed attempt"
                        + (failures == 1 ? "" : "s") + (done ? ", then succeeded" : ", retrying"));
                SyncOutcome o = done ? SyncOutcome.SUCCEEDED : now.isBefore(deadline) ? SyncOutcome.IN_PROGRESS : SyncOutcome.TIMED_OUT;
                long error = done ? 0 : row.map(SupSyncStatus::lastSyncErrorCode).orElse(0L);
                out.add(new SyncResult(c, o, p, row, error, Duration.between(start, now), childNotes));
                allDone &= done;
            }
            if (allDone || !now.isBefore(deadline)) {
                return new HierarchySyncResult(out);
            }
            Duration remaining = Duration.between(now, deadline);
            try {
                client.sleeper().sleep(interval.compareTo(remaining) < 0 ? interval : remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigMgrException("interrupted while waiting for the synchronization of the hierarchy of " + siteCode, e);
            }
            interval = interval.multipliedBy(2).compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : interval.multipliedBy(2);
        }
    }

    private boolean isNewerThanBaseline(SupSyncStatus status) {
        Optional<Instant> t = status.lastSyncStateTime();
        return t.isPresent() && (baselineStateTime.isEmpty() || t.get().isAfter(baselineStateTime.get()));
    }

    private static SyncOutcome outcomeOf(SyncState state) {
        switch (state) {
            case DONE:
                return SyncOutcome.SUCCEEDED;
            case FAILED:
                return SyncOutcome.FAILED;
            case OUT_OF_SYNC:
                return SyncOutcome.OUT_OF_SYNC;
            case DONE_PENDING_LICENSE_TERMS:
                return SyncOutcome.DONE_PENDING_LICENSE_TERMS;
            default:
                return SyncOutcome.IN_PROGRESS;
        }
    }

    /**
     * Describes the job and its last known outcome, without polling.
     *
     * @return e.g. {@code SyncJob[CAS DELTA triggered 2024-06-11T10:00:00Z, grace 5 min, IN_PROGRESS after 7 s, 2 messages]}
     */
    @Override
    public synchronized String toString() {
        return "SyncJob[" + siteCode + " " + mode + " triggered " + triggeredAt + ", grace "
                + io.github.cm4j.Durations.human(gracePeriod) + (last == null ? ", not polled"
                : ", " + last.outcome() + " after " + io.github.cm4j.Durations.human(last.waited()) + ", "
                + last.progress().size() + " messages") + "]";
    }
}
