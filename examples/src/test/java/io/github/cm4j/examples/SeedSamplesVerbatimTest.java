package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link SeedSamplesVerbatim}: the two samples of the 2007 SDK page "How to Synchronize with the Software Update
 * Point", call for call, against {@code memory:demo?version=2007} and over {@code dcom://} against the loopback
 * server in front of the same hierarchy.
 */
class SeedSamplesVerbatimTest {
    private static final String PASSWORD = "Secret1!";
    private static final Pattern NEW_VALUE = Pattern.compile("Sync Now (\\d+) -> (\\d+)");

    /** Checks what a successful run printed: both samples' changes and the 6702 each leads to. */
    private static void assertBothSamplesReach6702(ExampleRun run, long startedAt) {
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Site CEN, software update point censup.contoso.com, ConfigMgr 2007")
                .contains("Put (update only, in the session): SMS_SCI_Component.FileType=2,"
                        + "ItemName=\"SMS_WSUS_SYNC_MANAGER|censup.contoso.com\"")
                .contains("Put (without a session handle): SMS_SCI_Component.FileType=2,"
                        + "ItemName=\"SMS_WSUS_SYNC_MANAGER|censup.contoso.com\"")
                .contains("(committed by CommitSCF)").contains("(global copy, no CommitSCF)");
        List<String> messages = run.lines().stream().filter(l -> l.matches("  67\\d\\d CEN .*")).map(l -> l.substring(2, 6))
                .toList();
        assertThat(messages).as(run.toString()).containsExactly("6701", "6704", "6705", "6702", "6701", "6704", "6705", "6702");
        assertThat(run.lines().stream().filter(l -> l.startsWith("  PS1 (child site) 6702 at "))).as(run.toString()).hasSize(2);

        // Each sample's new Sync Now is the current UTC instant in seconds (not the VBScript sample's +8 h), and
        // each change is seen by a client without a session handle.
        Matcher m = NEW_VALUE.matcher(run.stdout());
        long previous = -1;
        for (int i = 0; i < 2; i++) {
            assertThat(m.find()).as(run.toString()).isTrue();
            long from = Long.parseLong(m.group(1));
            long to = Long.parseLong(m.group(2));
            if (previous >= 0) {
                assertThat(from).isEqualTo(previous);
            }
            assertThat(to).isBetween(startedAt, Instant.now().getEpochSecond());
            assertThat(to).isGreaterThan(from);
            previous = to;
        }
        assertThat(run.stdout()).contains("New value " + run.stdout().lines().filter(l -> l.contains("committed by CommitSCF"))
                .map(l -> l.replaceAll(".* -> (\\d+) .*", "$1")).findFirst().orElseThrow());
    }

    @Test
    void bothSamplesRunAsWrittenAgainstThe2007SimulatorAndReach6702() {
        long startedAt = Instant.now().getEpochSecond();
        ExampleRun run = ExampleRun.of(SeedSamplesVerbatim.class, "--uri", "memory:demo?version=2007");
        assertBothSamplesReach6702(run, startedAt);
    }

    @Test
    void bothSamplesRunAsWrittenOverDcomAgainstTheLoopbackServer() {
        SimulatedProvider cm2007 = SimulatedProvider.builder().version(ProviderVersion.CM2007)
                .clock(SimulatedClock.running(SimulatedClock.DEFAULT_START, 600)).build();
        try (WmiServer server = WmiServer.builder().provider(cm2007).account("LAB", "admin", PASSWORD).build()) {
            String uri = "dcom://127.0.0.1:" + server.start() + "/CEN";
            long startedAt = Instant.now().getEpochSecond();
            ExampleRun run = ExampleRun.of(SeedSamplesVerbatim.class, Map.of("CM4J_PASSWORD", PASSWORD), "--uri", uri,
                    "--user", "LAB\\admin");
            assertBothSamplesReach6702(run, startedAt);
            assertThat(cm2007.openSiteControlSessions()).as("the VBScript sample released its handle").isZero();
        }
    }

    @Test
    void aServerWithoutTheComponentIsTheProvidersNotFoundAndChangesNothingInTheCSharpSample() {
        ExampleRun run = ExampleRun.of(SeedSamplesVerbatim.class, "--uri", "memory:demo?version=2007&speed=600",
                "--sup-server", "censite.contoso.com");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("WBEM_E_NOT_FOUND").contains("SMS_WSUS_SYNC_MANAGER|censite.contoso.com")
                .doesNotContain("\tat ");
        assertThat(run.stdout()).doesNotContain("(global copy, no CommitSCF)");
    }

    @Test
    void aWrongSiteCodeIsTheProvidersNotFoundForTheSamplesRefresh() {
        ExampleRun run = ExampleRun.of(SeedSamplesVerbatim.class, "--uri", "memory:demo?version=2007&speed=600",
                "--site", "XYZ", "--sup-server", "censup.contoso.com");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("WBEM_E_NOT_FOUND").contains("XYZ");
    }
}
