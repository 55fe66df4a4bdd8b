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
 * {@code SMS_SUPSyncStatus} row. Thread-safe (polls are serialised).
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

    SyncJob(ProviderClient client, String siteCode, SyncMode mode, Instant triggeredAt, long baselineRecordId,
            Optional<Instant> baselineStateTime) {
        this.client = client;
        this.siteCode = siteCode;
        this.mode = mode;
        this.triggeredAt = triggeredAt;
        this.lastRecordId = baselineRecordId;
        this.baselineStateTime = baselineStateTime;
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
            if (!now.isBefore(deadline)) {
                last = new SyncResult(siteCode, SyncOutcome.TIMED_OUT, r.progress(), r.status(), r.errorCode(),
                        Duration.between(start, now));
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
        if (outcome == SyncOutcome.IN_PROGRESS && status.isPresent() && isNewerThanBaseline(status.get())) {
            // No status message (e.g. no right to read them): the status row tells the final state too.
            outcome = status.get().lastSyncState().map(SyncJob::outcomeOf).orElse(SyncOutcome.IN_PROGRESS);
        }
        if (outcome == SyncOutcome.FAILED) {
            error = status.map(SupSyncStatus::lastSyncErrorCode).filter(c -> c != 0).orElse(lastFailureWin32Error);
        }
        last = new SyncResult(siteCode, outcome, progress, status, error, waited);
        return last;
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
     * @return e.g. {@code SyncJob[CAS DELTA triggered 2024-06-11T10:00:00Z, IN_PROGRESS, 2 messages]}
     */
    @Override
    public synchronized String toString() {
        return "SyncJob[" + siteCode + " " + mode + " triggered " + triggeredAt + (last == null ? ", not polled"
                : ", " + last.outcome() + ", " + last.progress().size() + " messages") + "]";
    }
}
