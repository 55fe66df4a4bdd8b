package io.github.cm4j.cli;

import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.diagnostics.Diagnosis;
import io.github.cm4j.diagnostics.Verdict;
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
 * {@code cm4j doctor [--uri URI] [--user U] [--json]}: the ordered checklist of {@code ConfigMgr.diagnose()} (transport
 * checks, then ConfigMgr checks), each pass / warn / fail / skipped with its evidence and what to do. Read-only. Exit 0
 * when no check failed (warnings included), 1 when one did (docs/troubleshooting.md).
 */
@Command(name = "doctor", description = "Check everything between here and the site, read-only: name resolution, ports,"
        + " DCOM activation, NTLM/Kerberos, clock skew, rights, software update point, last synchronization.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;
    @Option(names = "--json", description = "Print the diagnosis as one JSON object.")
    boolean json;
    @Option(names = "--check-timeout", paramLabel = "DURATION", defaultValue = "15s", converter = SyncCommand.DurationConverter.class,
            description = "Deadline of each check: 10s, 1m or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration checkTimeout;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "90s", converter = SyncCommand.DurationConverter.class,
            description = "Bound of the whole run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        if (checkTimeout.isZero() || checkTimeout.isNegative() || timeout.isZero() || timeout.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check-timeout and --timeout must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        Diagnosis d = target.builder().diagnose(checkTimeout, timeout);
        if (json) {
            out.println(Json.write(toJson(d)));
        } else {
            print(d, out);
        }
        return d.verdict() == Verdict.FAIL ? Cm4j.EXIT_FAILED : 0;
    }

    /** The documented JSON shape (docs/cli.md, docs/troubleshooting.md): stable key order, durations in seconds. */
    static Map<String, Object> toJson(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", d.target());
        m.put("account", d.account());
        m.put("verdict", d.verdict().label());
        m.put("elapsed", Json.seconds(d.elapsed()));
        List<Map<String, Object>> checks = d.checks().stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", c.id());
            x.put("title", c.title());
            x.put("verdict", c.verdict().label());
            x.put("evidence", c.evidence());
            x.put("advice", c.advice());
            x.put("elapsed", Json.seconds(c.elapsed()));
            return x;
        }).toList();
        m.put("checks", checks);
        return m;
    }

    private static void print(Diagnosis d, PrintWriter out) {
        out.println("cm4j doctor " + d.target() + (d.account().isEmpty() ? "" : " as " + d.account()));
        for (Check c : d.checks()) {
            out.printf("%-7s %-14s %s%n", c.verdict().label().toUpperCase(java.util.Locale.ROOT), c.id(), c.title());
            out.println("        " + c.evidence());
            if (!c.advice().isEmpty()) {
                out.println("        -> " + c.advice());
            }
        }
        long fails = d.checks(Verdict.FAIL).size();
        long warns = d.checks(Verdict.WARN).size();
        out.println(d.verdict().label().toUpperCase(java.util.Locale.ROOT) + ": " + d.checks(Verdict.PASS).size() + " passed, "
                + warns + " warning(s), " + fails + " failed, " + d.checks(Verdict.SKIPPED).size() + " skipped in "
                + String.format(java.util.Locale.ROOT, "%.1f s", d.elapsed().toMillis() / 1000.0)
                + (fails > 0 ? "; fix the first failure first: later checks often follow from it" : ""));
    }
}
