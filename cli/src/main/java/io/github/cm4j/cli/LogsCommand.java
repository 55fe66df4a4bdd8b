package io.github.cm4j.cli;

import io.github.cm4j.sync.LogEntry;
import io.github.cm4j.sync.LogParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j logs parse FILE}: ConfigMgr logs (wsyncmgr.log, WCM.log, CMTrace logs) as rows. */
@Command(name = "logs", description = "Read ConfigMgr log files.", subcommands = LogsCommand.Parse.class)
final class LogsCommand {

    /** {@code cm4j logs parse}. */
    @Command(name = "parse", description = "Parse a log (site-server $$<...> or CMTrace <![LOG[...]LOG]!> format);"
            + " print one row per entry, STATMSG lines decoded.")
    static final class Parse implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The log file (UTF-8).")
        Path file;

        @Option(names = "--json", description = "One JSON object per entry (JSON Lines).")
        boolean json;

        @Option(names = "--status-only", description = "Only STATMSG entries.")
        boolean statusOnly;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("cm4j: " + file + ": no such file");
                return Cm4j.EXIT_FAILED;
            }
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            try (Stream<LogEntry> entries = LogParser.parse(reader)) {
                entries.filter(e -> !statusOnly || e.statusMessage() != null).forEach(e -> {
                    if (json) {
                        out.println(Json.write(e));
                    } else if (e.statusMessage() != null) {
                        var s = e.statusMessage();
                        out.printf("%6d  %-29s  %-30s  STATMSG %d %s %s%n", e.line(), e.time() == null ? "" : e.time(),
                                nullToEmpty(e.component()), s.id(), nullToEmpty(s.severity()),
                                String.join(" | ", s.insertionStrings().stream().filter(i -> !i.isEmpty()).toList()));
                    } else {
                        out.printf("%6d  %-29s  %-30s  %s%n", e.line(), e.time() == null ? "" : e.time(),
                                nullToEmpty(e.component()), e.message().replace('\n', ' '));
                    }
                });
            }
            return 0;
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}
