package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleTokens;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j sync schedule show|set|disable}: the synchronization schedule of the top-level site. */
@Command(name = "schedule", description = "The synchronization schedule (Sync Schedule of SMS_WSUS_SYNC_MANAGER at the"
        + " top-level site). Scheduled synchronizations are full ones.",
        subcommands = {SyncScheduleCommand.Show.class, SyncScheduleCommand.Set.class, SyncScheduleCommand.Disable.class})
final class SyncScheduleCommand {

    static void printChanges(PrintWriter out, List<ScfChange> changes, boolean dryRun) {
        if (changes.isEmpty()) {
            out.println("no change");
            return;
        }
        changes.forEach(out::println);
        out.println(dryRun ? "(dry run: nothing committed)" : "committed");
    }

    /** {@code cm4j sync schedule show}. */
    @Command(name = "show", description = "Show the schedule, or that synchronization on a schedule is off.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--json", description = "One JSON object: the decoded token (as schedule decode --json), or {\\\"Enabled\\\":false}.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                Optional<ScheduleToken> s = cm.softwareUpdatePoint().schedule();
                if (json) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("Enabled", s.isPresent());
                    s.ifPresent(t -> m.putAll(ScheduleCommand.json(t)));
                    out.println(Json.write(m));
                } else if (s.isEmpty()) {
                    out.println("synchronization on a schedule is off (Sync Schedule is empty); set it with cm4j sync schedule set");
                } else {
                    ScheduleCommand.print(out, s.get(), false);
                }
            }
            return 0;
        }
    }

    /** {@code cm4j sync schedule set TOKEN}. */
    @Command(name = "set", description = "Set the schedule to a token (as cm4j schedule encode prints it).")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(index = "0", paramLabel = "TOKEN", description = "16 hex digits, e.g. 0001200000100100 (every hour).")
        String token;
        @Option(names = "--dry-run", description = "Show what would change; commit nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            ScheduleToken t = ScheduleTokens.parse(token.trim());
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                SoftwareUpdatePoint sup = cm.softwareUpdatePoint();
                try {
                    printChanges(out, dryRun ? sup.previewSchedule(Optional.of(t)) : sup.setSchedule(t), dryRun);
                } catch (io.github.cm4j.sync.NotTopLevelSiteException e) {
                    throw SyncCommand.childSite(cm, e, "the synchronization schedule is set at the top-level site only",
                            "cm4j sync schedule set " + token.trim());
                }
                out.println("schedule: " + t.summary());
            }
            return 0;
        }
    }

    /** {@code cm4j sync schedule disable}. */
    @Command(name = "disable", description = "Turn synchronization on a schedule off (manual synchronization stays possible).")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--dry-run", description = "Show what would change; commit nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                SoftwareUpdatePoint sup = cm.softwareUpdatePoint();
                try {
                    printChanges(out, dryRun ? sup.previewSchedule(Optional.empty()) : sup.disableSchedule(), dryRun);
                } catch (io.github.cm4j.sync.NotTopLevelSiteException e) {
                    throw SyncCommand.childSite(cm, e, "the synchronization schedule is set at the top-level site only",
                            "cm4j sync schedule disable");
                }
            }
            return 0;
        }
    }
}
