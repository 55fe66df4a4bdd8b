package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Done when" runs of issue 15 against a loopback server like {@code ./cm4j serve --speed 600} (started
 * in-process, state kept between commands), each command a separate {@code cm4j} process with the password in
 * {@code CM4J_PASSWORD}: the schedule set then shown, scheduled full synchronizations reaching 6702 without a
 * manual trigger, and the delta/full catalog difference through plain {@code cm4j query} counts.
 */
class SyncServeTest {
    private static final String PASSWORD = "Sync-Serve-1!";

    record Run(int code, String out, String err) {
    }

    private static Run cm4j(int port, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Cm4j.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--uri", "dcom://127.0.0.1:" + port + "/CAS", "--user", "LAB\\admin"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CM4J_PASSWORD", PASSWORD);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static long count(int port, String wql) throws IOException, InterruptedException {
        Run r = cm4j(port, "query", "--json", wql);
        assertThat(r.code()).as("query %s: %s", wql, r.err()).isZero();
        Matcher m = Pattern.compile("\"Count\":(\\d+)").matcher(r.out());
        assertThat(m.find()).as("count in %s", r.out()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static WmiServer server(long speed) {
        SimulatedProvider sim = SimulatedProvider.builder().clock(SimulatedClock.running(SimulatedClock.DEFAULT_START, speed))
                .build();
        return WmiServer.builder().provider(sim).account("LAB", "admin", PASSWORD).build();
    }

    @Test
    void scheduleSetThenShowAndHourlyScheduledFullSyncsReach6702WithoutATrigger() throws Exception {
        try (WmiServer server = server(600)) {
            int port = server.start();
            Run set = cm4j(port, "sync", "schedule", "set", "0001200000100100");
            assertThat(set.code()).as(set.err()).isZero();
            assertThat(set.out()).contains("Sync Schedule").contains("committed").contains("every 1 hour");
            Run show = cm4j(port, "sync", "schedule", "show", "--json");
            assertThat(show.code()).as(show.err()).isZero();
            assertThat(show.out()).contains("\"Enabled\":true").contains("\"Type\":\"SMS_ST_RecurInterval\"")
                    .contains("\"HourSpan\":1").contains("\"StartTime\":\"1970-02-01T00:00:00\"");

            // One simulated hour is 6 s at --speed 600: wait for two scheduled runs at the top site.
            String done = "SELECT COUNT(*) FROM SMS_StatusMessage WHERE Component = 'SMS_WSUS_SYNC_MANAGER'"
                    + " AND SiteCode = 'CAS' AND MessageID = 6702";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long runs = 0;
            while (runs < 2 && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                runs = count(port, done);
            }
            assertThat(runs).as("scheduled 6702 at CAS").isGreaterThanOrEqualTo(2);
            Run status = cm4j(port, "sync", "status", "--json");
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out().lines()).hasSize(3).anyMatch(l -> l.contains("\"siteCode\":\"CAS\""));

            Run disable = cm4j(port, "sync", "schedule", "disable");
            assertThat(disable.code()).isZero();
            assertThat(cm4j(port, "sync", "schedule", "show").out()).contains("off");
        }
    }

    @Test
    void aDeltaAndAFullSyncShowTheCatalogDifferenceThroughQueryCounts() throws Exception {
        try (WmiServer server = server(600)) {
            int port = server.start();
            String all = "SELECT COUNT(*) FROM SMS_SoftwareUpdate";
            String superseded = "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsSuperseded = 1";
            String expired = "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsExpired = 1";
            long total0 = count(port, all);
            long sup0 = count(port, superseded);
            long exp0 = count(port, expired);

            Run delta = cm4j(port, "sync", "--wait", "--timeout", "2m");
            assertThat(delta.code()).as(delta.out() + delta.err()).isZero();
            long total1 = count(port, all);
            assertThat(total1).as("a delta sync inserts new updates").isGreaterThan(total0);
            assertThat(count(port, superseded)).as("and supersedes nothing that existed").isEqualTo(sup0);
            assertThat(count(port, expired)).as("and expires nothing").isEqualTo(exp0);

            Run full = cm4j(port, "sync", "--full", "--wait", "--timeout", "2m");
            assertThat(full.code()).as(full.out() + full.err()).isZero();
            assertThat(count(port, superseded)).as("a full sync applies supersedence").isGreaterThan(sup0);
            assertThat(count(port, expired)).as("and expiry").isGreaterThan(exp0);
        }
    }
}
