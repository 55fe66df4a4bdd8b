package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleTokens;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sync.NotTopLevelSiteException;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Configures the software update point's synchronization schedule — "Enable synchronization on a schedule" in the
 * Software Update Point Component Properties — and, with {@code --watch}, waits for the first scheduled (full)
 * synchronization to finish without any manual trigger.
 *
 * <p>The schedule lives in the site control file of the top-level site ({@code Sync Schedule} of
 * {@code SMS_WSUS_SYNC_MANAGER}); cm4j changes it in a committed site control session. A schedule whose start is not
 * set runs as soon as possible, then per its recurrence.
 *
 * <pre>
 * ConfigureSynchronizationSchedule                                   (every 1 hour, memory:demo)
 * ConfigureSynchronizationSchedule --every-hours 6 --watch 2m
 * ConfigureSynchronizationSchedule --token 0001200000100038          (every 7 days)
 * ConfigureSynchronizationSchedule --disable
 * ConfigureSynchronizationSchedule --uri dcom://cm01.lab.local/CAS --user 'LAB\cmadmin' --every-hours 24 --dry-run
 * </pre>
 *
 * Exit status: 0 done, 1 refused (a child site, a bad token) or the watched synchronization failed, 3 nothing
 * finished within {@code --watch}.
 */
public final class ConfigureSynchronizationSchedule {
    private ConfigureSynchronizationSchedule() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--every-hours N | --token TOKEN | --disable] [--dry-run] [--watch DURATION]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(ConfigureSynchronizationSchedule.class, args, "--every-hours N", "--token TOKEN",
                "--disable", "--dry-run", "--watch DURATION");
        Optional<ScheduleToken> wanted;
        if (a.flag("--disable")) {
            wanted = Optional.empty();
        } else if (a.option("--token").isPresent()) {
            wanted = Optional.of(ScheduleTokens.parse(a.option("--token").get()));   // ScheduleParseException names the field
        } else {
            long hours = a.longOption("--every-hours", 1);
            // Hours 1..23 as HourSpan, whole days as DaySpan: the shape New-CMSchedule -RecurInterval gives.
            wanted = Optional.of(hours % 24 == 0
                    ? new ScheduleToken.RecurInterval(ScheduleToken.Timing.of(ScheduleToken.UNSET_START, false), (int) (hours / 24), 0, 0)
                    : new ScheduleToken.RecurInterval(ScheduleToken.Timing.of(ScheduleToken.UNSET_START, false), 0, (int) hours, 0));
        }
        int status;
        try (ConfigMgr cm = a.connect()) {
            status = configure(cm, wanted, a.flag("--dry-run"), a.durationOption("--watch", Duration.ZERO));
        }
        System.exit(status);
    }

    private static int configure(ConfigMgr cm, Optional<ScheduleToken> wanted, boolean dryRun, Duration watch) {
        SoftwareUpdatePoint sup = cm.softwareUpdatePoint();
        List<ScfChange> changes;
        try {
            System.out.println("Current: " + sup.schedule().map(ScheduleToken::toString).orElse("no schedule (manual only)"));
            changes = dryRun ? sup.previewSchedule(wanted)
                    : wanted.isPresent() ? sup.setSchedule(wanted.get()) : sup.disableSchedule();
        } catch (NotTopLevelSiteException e) {
            // The schedule is set at the top-level site only, like a manual synchronization.
            System.err.println("Not changed: " + e.getMessage());
            return 1;
        }
        changes.forEach(c -> System.out.println("Change:  " + c));
        System.out.println(changes.isEmpty() ? "No change." : dryRun ? "Dry run: nothing committed." : "Committed.");
        System.out.println("Now:     " + sup.schedule().map(ScheduleToken::toString).orElse("no schedule (manual only)"));
        if (wanted.isEmpty() || dryRun) {
            return 0;
        }
        // Next occurrences; the simulator's site server runs in UTC (pass the site's zone for a real one).
        ScheduleToken t = wanted.get();
        if (!t.timing().isStartUnset()) {
            t.nextOccurrences(Instant.now(), ZoneOffset.UTC, 3).forEach(i -> System.out.println("Next:    " + i));
        }
        if (watch.isZero()) {
            return 0;
        }
        return watch(sup, cm.site().siteCode(), watch);
    }

    /** Polls SMS_SUPSyncStatus of the top site until a synchronization that ended after now is seen. */
    private static int watch(SoftwareUpdatePoint sup, String site, Duration watch) {
        Instant since = sup.status(site).flatMap(SupSyncStatus::lastSyncStateTime).orElse(Instant.EPOCH);
        long deadline = System.nanoTime() + watch.toNanos();
        SyncState last = null;
        while (System.nanoTime() < deadline) {
            Optional<SupSyncStatus> s = sup.status(site);
            SyncState state = s.flatMap(SupSyncStatus::lastSyncState).orElse(null);
            boolean newer = s.flatMap(SupSyncStatus::lastSyncStateTime).map(x -> x.isAfter(since)).orElse(false);
            if (newer && state != last) {
                System.out.println("Status:  " + s.get());
                last = state;
            }
            if (newer && (state == SyncState.DONE || state == SyncState.DONE_PENDING_LICENSE_TERMS)) {
                System.out.println("The scheduled synchronization finished; child sites follow their parent.");
                return 0;
            }
            if (newer && state == SyncState.FAILED) {
                return 1;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
        System.out.println("No scheduled synchronization finished within " + watch);
        return 3;
    }
}
