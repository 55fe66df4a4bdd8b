package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.adminservice.simulator.AdminServiceServer;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples over {@code adminservice://} (the ConfigMgr REST API), with cm4j's loopback AdminService in front of
 * a simulated hierarchy, its certificate pinned: each example prints what it prints on {@code memory:demo}, and a
 * site control file session is refused at once (no IWbemContext over REST) with the advice to use dcom://.
 * (Kerberos over the same route: AdminServiceContractTest and AdminServiceKerberosTest of the loopback module.)
 */
class ExamplesOverAdminServiceTest {
    private AdminServiceServer server;
    private String uri;

    @BeforeEach
    void startTheLoopbackAdminService() throws IOException {
        SimulatedProvider demo = SimulatedProvider.builder()
                .clock(SimulatedClock.running(SimulatedClock.DEFAULT_START, 600)).build();
        server = AdminServiceServer.builder().backend(demo.openTransport()).start();
        uri = server.uri();
    }

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    private ExampleRun overRest(Class<?> example, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "--uri";
        args[1] = uri;
        System.arraycopy(options, 0, args, 2, options.length);
        return ExampleRun.of(example, args);
    }

    @Test
    void listingPrintsExactlyWhatItPrintsOnTheSimulator() {
        ExampleRun rest = overRest(ListUpdatesMatchingCriteria.class, "--product", "Windows 10", "--limit", "50");
        ExampleRun memory = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--product", "Windows 10", "--limit", "50");
        assertThat(rest.exitStatus()).as(rest.toString()).isZero();
        assertThat(rest.stdout()).isEqualTo(memory.stdout()).contains("updates match");
    }

    @Test
    void acceptingLicenseTermsPrintsWhatItPrintsOnTheSimulator() {
        ExampleRun rest = overRest(AcceptLicenseTerms.class);
        ExampleRun memory = ExampleRun.of(AcceptLicenseTerms.class);
        assertThat(rest.exitStatus()).as(rest.toString()).isZero();
        assertThat(withoutTimes(rest.stdout())).isEqualTo(withoutTimes(memory.stdout()));
        assertThat(rest.stdout()).contains("From the query, LocalizedEulas <not loaded>").contains("License terms (")
                .containsPattern("Accepted: EULAAccepted = 1");
    }

    @Test
    void settingEnforcementPrintsWhatItPrintsOnTheSimulator() {
        ExampleRun rest = overRest(SetEnforcement.class, "--deadline", "2030-01-01T00:00:00Z");
        ExampleRun memory = ExampleRun.of(SetEnforcement.class, "--deadline", "2030-01-01T00:00:00Z");
        assertThat(rest.exitStatus()).as(rest.toString()).isZero();
        assertThat(rest.stdout()).isEqualTo(memory.stdout()).contains("Enforced: EffectiveDate = 2030-01-01T00:00:00Z");
    }

    @Test
    void synchronizeWaitsForTheEndOverRest() {
        ExampleRun run = overRest(SynchronizeSoftwareUpdatePoint.class, "--timeout", "2m");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        List<String> messages = run.lines().stream().filter(l -> l.matches("  67\\d\\d CAS .*")).map(l -> l.substring(2, 6))
                .toList();
        assertThat(messages).as(run.toString()).startsWith("6701").endsWith("6702");
        assertThat(run.stdout()).contains("through SMS_SoftwareUpdate.SyncNow").contains("Result:  SUCCEEDED");
    }

    @Test
    void aSiteControlSessionIsRefusedAtOnceSayingToUseDcom() {
        ExampleRun run = overRest(EditSiteControlFile.class, "--site", "PS1", "--value", "3");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("IWbemContext SessionHandle").contains("use dcom:// for site control file sessions")
                .doesNotContain("\tat ");
    }

    /** The acceptance stamps ("by USER at TIME") differ by clock and account, nothing else may. */
    private static String withoutTimes(String s) {
        return s.replaceAll("by \\S+ at \\S+", "by _ at _").replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "_");
    }
}
