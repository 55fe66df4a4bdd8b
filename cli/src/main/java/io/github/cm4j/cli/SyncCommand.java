package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.sync.SyncJob;
import io.github.cm4j.sync.SyncListener;
import io.github.cm4j.sync.SyncMode;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
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
        + " wait for the result.")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConfigMgr cm = target.connect()) {
            SyncJob job = cm.softwareUpdatePoint().synchronize(full ? SyncMode.FULL : SyncMode.DELTA);
            if (!await) {
                out.println(json ? Json.write(Map.of("site", job.siteCode(), "mode", job.mode().toString(),
                        "triggeredAt", job.triggeredAt().toString())) : "synchronization triggered at " + job.siteCode()
                        + " (" + job.mode() + "); follow it with cm4j sync --wait or the SMS_WSUS_SYNC_MANAGER status messages");
                return 0;
            }
            boolean show = progress != null ? progress : Target.interactive();
            SyncListener listener = show ? p -> err.println(p) : SyncListener.none();
            SyncResult r = job.await(timeout, listener);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("site", r.siteCode());
                m.put("outcome", r.outcome().toString());
                m.put("errorCode", r.errorCode());
                m.put("waited", r.waited().toString());
                m.put("messages", r.progress().stream().map(p -> Map.of("id", p.messageId(), "text", p.text(),
                        "time", p.time().map(Object::toString).orElse(""))).toList());
                out.println(Json.write(m));
            } else {
                out.println(r);
            }
            if (r.outcome() == SyncOutcome.TIMED_OUT) {
                return Cm4j.EXIT_TIMEOUT;
            }
            return r.isSuccess() ? 0 : Cm4j.EXIT_FAILED;
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
