package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.Durations;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.sync.NotTopLevelSiteException;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.sync.SyncJob;
import io.github.cm4j.sync.SyncListener;
import io.github.cm4j.sync.SyncMode;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cm4j sync [--full] [--wait] [--timeout DURATION]}: synchronizes the software update point of the top
 * site and, with {@code --wait}, follows it to the end. Exit 0 when it completed, 1 when it failed or ended out
 * of sync, 3 at the timeout.
 */
@Command(name = "sync", description = "Synchronize the software update point (at the top-level site) and optionally"
        + " wait for the result.", subcommands = {SyncStatusCommand.class, SyncScheduleCommand.class})
final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;
    @Option(names = "--full", description = "Full synchronization instead of delta (current branch only).")
    boolean full;
    @Option(names = "--wait", description = "Wait for the end, showing progress on a terminal.")
    boolean await;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60m", converter = DurationConverter.class,
            description = "How long --wait waits: 90s, 30m, 2h or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;
    @Option(names = "--progress", negatable = true, description = "Print each status message (default: on a terminal).")
    Boolean progress;
    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;
    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "With --wait: end NOT_STARTED when no 6701 arrives this long while nothing else synchronizes"
                    + " (default: ${DEFAULT-VALUE}, on the site server's clock when it can be read, else on this machine's).")
    Duration grace;
    @Option(names = "--after-stored-sync-now", description = "ConfigMgr 2007: when the stored Sync Now value is later"
            + " than now, write one second after it.")
    boolean afterStored;
    @Option(names = "--hierarchy", description = "With --wait: wait until every child site has the new catalog too.")
    boolean hierarchy;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConfigMgr cm = target.connect()) {
            SoftwareUpdatePoint sup = cm.softwareUpdatePoint().withGracePeriod(grace);
            if (afterStored) {
                sup = sup.withSyncNowAfterStoredValue();
            }
            SyncJob job = trigger(cm, sup);
            if (!await) {
                out.println(json ? Json.write(Map.of("site", job.siteCode(), "mode", job.mode().toString(),
                        "triggeredAt", job.triggeredAt().toString())) : "synchronization requested at " + job.siteCode()
                        + " (" + job.mode() + "); watch it with: " + statusCommand() + " (or run cm4j sync --wait next time)");
                return 0;
            }
            if (!json) {
                // at once: the synchronization takes minutes and its first status message may take one
                out.println("synchronization requested at " + job.siteCode() + " (" + job.mode() + ") at "
                        + job.triggeredAt().truncatedTo(ChronoUnit.SECONDS) + "; waiting up to " + Durations.human(timeout)
                        + " (Ctrl-C stops waiting, not the synchronization)");
                out.flush();
            }
            boolean show = progress != null ? progress : Target.interactive();
            SyncListener listener = new SyncListener() {
                @Override
                public void onProgress(io.github.cm4j.sync.SyncProgress p) {
                    if (show) {
                        err.println(p);
                        err.flush();
                    }
                }

                @Override
                public void onNote(String note) {
                    if (show) {
                        err.println("cm4j: " + note);
                        err.flush();
                    }
                }
            };
            // Ctrl-C (SIGINT) ends the JVM through its shutdown hooks: say that only the waiting stops
            Thread onInterrupt = new Thread(() -> {
                err.println();
                err.println("cm4j: stopped waiting; the synchronization goes on at site " + job.siteCode()
                        + ". Watch it with: " + statusCommand());
                err.flush();
            }, "cm4j-sync-interrupt");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            List<SyncResult> results;
            try {
                if (hierarchy) {
                    results = job.awaitHierarchy(timeout, listener).sites();
                } else {
                    results = List.of(job.await(timeout, listener));
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs (or ran): nothing to remove
                }
            }
            boolean first = true;
            for (SyncResult r : results) {
                // the new updates are counted at the top site (the first result); the child sites get the same catalog
                OptionalLong added = first && r.outcome() == SyncOutcome.SUCCEEDED ? newUpdates(cm, r, job)
                        : OptionalLong.empty();
                first = false;
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("site", r.siteCode());
                    m.put("outcome", r.outcome().toString());
                    m.put("errorCode", r.errorCode());
                    m.put("waited", r.waited());
                    if (added.isPresent()) {
                        m.put("newUpdates", added.getAsLong());
                    }
                    m.put("messages", r.progress().stream().map(p -> Map.of("id", p.messageId(), "text", p.text(),
                            "time", p.time().map(Object::toString).orElse(""))).toList());
                    m.put("notes", r.notes());
                    r.diagnosis().ifPresent(d -> {
                        m.put("cause", d.cause().toString());
                        m.put("check", d.whatToCheck());
                    });
                    out.println(Json.write(m));
                } else {
                    out.println(summary(r, added, timeout, statusCommand()));
                    r.diagnosis().ifPresent(d -> out.println("  diagnosis: " + d));
                }
            }
            if (results.stream().anyMatch(r -> r.outcome() == SyncOutcome.TIMED_OUT)) {
                return Cm4j.EXIT_TIMEOUT;
            }
            return results.stream().allMatch(SyncResult::isSuccess) ? 0 : Cm4j.EXIT_FAILED;
        }
    }

    /** Triggers, with the refusals phrased for the command line: options and site codes, not Java types. */
    private SyncJob trigger(ConfigMgr cm, SoftwareUpdatePoint sup) {
        try {
            return sup.synchronize(full ? SyncMode.FULL : SyncMode.DELTA);
        } catch (UnsupportedOnVersionException e) {
            if (!full) {
                throw e;
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "--full is not available on ConfigMgr 2007:"
                    + " its one trigger (Sync Now) starts the synchronization the site is configured for; run cm4j sync"
                    + " without --full");
        } catch (NotTopLevelSiteException e) {
            throw childSite(cm, e, "software updates are synchronized at the top-level site and child sites follow"
                    + " their parent", "cm4j sync");
        }
    }

    /**
     * A child-site refusal for the command line: names the top site's code to give {@code --site} (walking up
     * {@code SMS_Site.ReportingSiteCode}), not a namespace.
     */
    static ConfigMgrException childSite(ConfigMgr cm, NotTopLevelSiteException e, String why, String command) {
        String top = topSite(cm, e.parentSiteCode());
        return new ConfigMgrException("site " + e.siteCode() + " is a child site (its parent is " + e.parentSiteCode()
                + "): " + why + "; run it at the top-level site: " + command + " --site " + top, e);
    }

    /** @return the top of the hierarchy above {@code from}, or {@code from} when the sites cannot be read */
    static String topSite(ConfigMgr cm, String from) {
        Map<String, String> parents = new LinkedHashMap<>();
        try {
            for (WmiObject o : cm.queryAll("SELECT SiteCode, ReportingSiteCode FROM SMS_Site", 10_000)) {
                String code = o.get("SiteCode").map(v -> v.asString()).orElse("");
                String parent = o.get("ReportingSiteCode").map(v -> v.asString()).orElse("");
                parents.put(code.toUpperCase(Locale.ROOT), parent.toUpperCase(Locale.ROOT));
            }
        } catch (ConfigMgrException | IllegalArgumentException unreadable) {
            return from;
        }
        String site = from.toUpperCase(Locale.ROOT);
        for (int hops = 0; hops < 8; hops++) { // a hierarchy has at most three tiers; a loop in the data ends here
            String parent = parents.getOrDefault(site, "");
            if (parent.isEmpty() || parent.equals(site)) {
                return site;
            }
            site = parent;
        }
        return site;
    }

    /**
     * Counts the updates the synchronization created: {@code DateCreated} at or after its 6701 (started), on the
     * site's clock (the trigger's time on this machine's clock when no 6701 was seen). Empty when the count
     * cannot be read: the summary then leaves it out rather than fail a finished synchronization.
     */
    private static OptionalLong newUpdates(ConfigMgr cm, SyncResult r, SyncJob job) {
        Instant from = r.progress().stream().filter(p -> p.messageId() == 6701).findFirst()
                .flatMap(io.github.cm4j.sync.SyncProgress::time).orElse(job.triggeredAt());
        try (Stream<WmiObject> s = cm.query(Wql.select("CI_ID").from("SMS_SoftwareUpdate")
                .where(Criteria.ge("DateCreated", from)).toWql())) {
            return OptionalLong.of(s.count());
        } catch (ConfigMgrException | IllegalArgumentException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** @return the one line that ends a synchronization: "CAS: succeeded in 7 s: 15 new updates", never a record */
    static String summary(SyncResult r, OptionalLong added, Duration timeout, String statusCommand) {
        String site = r.siteCode() + ": ";
        String took = Durations.human(r.waited());
        switch (r.outcome()) {
            case SUCCEEDED:
                return site + "succeeded in " + took + (added.isPresent() ? ": " + added.getAsLong() + " new update"
                        + (added.getAsLong() == 1 ? "" : "s") : "");
            case DONE_PENDING_LICENSE_TERMS:
                return site + "done in " + took + "; some updates wait for their license terms to be accepted"
                        + " (cm4j updates list --eula-accepted ...)";
            case FAILED:
                return site + "failed after " + took + (r.errorCode() == 0 ? "" : ": error 0x"
                        + Long.toHexString(r.errorCode() & 0xFFFF_FFFFL).toUpperCase(Locale.ROOT))
                        + (r.diagnosis().isPresent() ? " (see diagnosis)" : "");
            case OUT_OF_SYNC:
                return site + "out of sync with its parent after " + took
                        + (r.diagnosis().isPresent() ? " (see diagnosis)" : "");
            case NOT_STARTED:
                return site + "not started after " + took + (r.notes().isEmpty() ? ""
                        : ": " + r.notes().get(r.notes().size() - 1));
            case TIMED_OUT:
                return site + "still synchronizing after " + Durations.human(timeout) + " (--timeout); the site goes on"
                        + " synchronizing: watch it with " + statusCommand;
            default:
                return site + r.outcome().toString().toLowerCase(Locale.ROOT).replace('_', ' ') + " after " + took;
        }
    }

    /** @return the command that shows the synchronization status of the same target */
    private String statusCommand() {
        return "cm4j sync status" + target.sameTargetOptions();
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30M}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim();
            try {
                if (v.matches("\\d+[smhd]")) {
                    long n = Long.parseLong(v.substring(0, v.length() - 1));
                    switch (v.charAt(v.length() - 1)) {
                        case 's':
                            return Duration.ofSeconds(n);
                        case 'm':
                            return Duration.ofMinutes(n);
                        case 'h':
                            return Duration.ofHours(n);
                        default:
                            return Duration.ofDays(n);
                    }
                }
                return Duration.parse(v);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (90s, 30m, 2h, PT30M)");
            }
        }
    }
}
