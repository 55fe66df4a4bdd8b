package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.sync.SyncJob;
import io.github.cm4j.sync.SyncListener;
import io.github.cm4j.sync.SyncMode;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
                    + " (default: ${DEFAULT-VALUE}, on the client's clock).")
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
            SyncJob job = sup.synchronize(full ? SyncMode.FULL : SyncMode.DELTA);
            if (!await) {
                out.println(json ? Json.write(Map.of("site", job.siteCode(), "mode", job.mode().toString(),
                        "triggeredAt", job.triggeredAt().toString())) : "synchronization requested at " + job.siteCode()
                        + " (" + job.mode() + "); watch it with: cm4j sync status (or run cm4j sync --wait next time)");
                return 0;
            }
            boolean show = progress != null ? progress : Target.interactive();
            SyncListener listener = new SyncListener() {
                @Override
                public void onProgress(io.github.cm4j.sync.SyncProgress p) {
                    if (show) {
                        err.println(p);
                    }
                }

                @Override
                public void onNote(String note) {
                    if (show) {
                        err.println("cm4j: " + note);
                    }
                }
            };
            List<SyncResult> results;
            if (hierarchy) {
                results = job.awaitHierarchy(timeout, listener).sites();
            } else {
                results = List.of(job.await(timeout, listener));
            }
            for (SyncResult r : results) {
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("site", r.siteCode());
                    m.put("outcome", r.outcome().toString());
                    m.put("errorCode", r.errorCode());
                    m.put("waited", r.waited().toMillis() / 1000.0);
                    m.put("messages", r.progress().stream().map(p -> Map.of("id", p.messageId(), "text", p.text(),
                            "time", p.time().map(Object::toString).orElse(""))).toList());
                    m.put("notes", r.notes());
                    r.diagnosis().ifPresent(d -> {
                        m.put("cause", d.cause().toString());
                        m.put("check", d.whatToCheck());
                    });
                    out.println(Json.write(m));
                } else {
                    out.println(r);
                    r.diagnosis().ifPresent(d -> out.println("  diagnosis: " + d));
                }
            }
            if (results.stream().anyMatch(r -> r.outcome() == SyncOutcome.TIMED_OUT)) {
                return Cm4j.EXIT_TIMEOUT;
            }
            return results.stream().allMatch(SyncResult::isSuccess) ? 0 : Cm4j.EXIT_FAILED;
        }
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
