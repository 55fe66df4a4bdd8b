package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.cli.QueryCommandTest.Result;
import io.github.cm4j.updates.UpdateQuery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 20 item 6: what {@code cm4j sync} says, from the trigger to the end or a Ctrl-C. */
class SyncOutputTest {
    private static final String FAST = "memory:demo?speed=600";

    private static long updateCount(ConfigMgr cm) {
        try (var s = cm.softwareUpdates().find(UpdateQuery.all())) {
            return s.count();
        }
    }

    @Test
    void theSummaryCountsTheUpdatesTheSynchronizationAdded() {
        // the same seeded simulator, synchronized through the API: the count before and after is the truth
        long expected;
        try (ConfigMgr cm = ConfigMgr.connect(FAST)) {
            long before = updateCount(cm);
            cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(2));
            expected = updateCount(cm) - before;
        }
        assertThat(expected).isPositive();
        Result r = QueryCommandTest.run("sync", "--uri", FAST, "--wait", "--timeout", "2m");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("synchronization requested at CAS \\(DELTA\\) at \\S+Z; waiting up to 2 min"
                + " \\(Ctrl-C stops waiting, not the synchronization\\)");
        assertThat(lines[1]).matches("CAS: succeeded in \\d+ (ms|s): " + expected + " new updates");
        Result json = QueryCommandTest.run("sync", "--uri", FAST, "--wait", "--json");
        assertThat(json.out()).contains("\"newUpdates\":" + expected).containsPattern("\"waited\":[0-9.]+,")
                .doesNotContain("PT");
    }

    @Test
    void aFullSynchronizationOn2007SpeaksOptions() {
        Result r = QueryCommandTest.run("sync", "--uri", "memory:demo?version=2007", "--full");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--full is not available on ConfigMgr 2007").contains("without --full")
                .doesNotContain("SyncMode");
    }

    @Test
    void aChildSiteRefusalNamesTheTopSiteToGiveSite() {
        Result r = QueryCommandTest.run("sync", "schedule", "disable", "--site", "PS1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cm4j sync schedule disable --site CAS").doesNotContain("root\\sms");
    }

    @Test
    void theSummaryOfAFailureDoesNotPrintARecord() {
        Result r = QueryCommandTest.run("sync", "--uri", "memory:demo?speed=1", "--wait", "--timeout", "1s");
        assertThat(r.out()).doesNotContain("SyncResult[").doesNotContain("PT");
    }

    @Test
    void ctrlCSaysTheSiteGoesOnSynchronizingAndHowToWatchIt() throws Exception {
        // the real command in its own JVM; SIGINT as a terminal's Ctrl-C sends it
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Cm4j.class.getName(), "sync", "--uri", "memory:demo?speed=1", "--wait", "--timeout", "10m").start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("the trigger is printed at once").startsWith("synchronization requested at CAS");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).isTrue();
        assertThat(p.exitValue()).isEqualTo(130); // 128 + SIGINT, as shells report it
        String message = err.get(10, TimeUnit.SECONDS);
        assertThat(message).contains("stopped waiting; the synchronization goes on at site CAS")
                .contains("Watch it with: cm4j sync status --uri 'memory:demo?speed=1'");
    }
}
