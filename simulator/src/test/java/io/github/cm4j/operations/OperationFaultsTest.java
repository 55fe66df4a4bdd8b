package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Faults injected by the simulator surface through the operations as the right typed exception; site control
 * sessions are released; partial results are never reported as complete.
 */
class OperationFaultsTest {

    @Test
    void aConnectionDroppedMidEnumerationFailsTheStreamAfterThePartialResults() {
        Hierarchies h = Hierarchies.currentBranch(Faults.builder().dropEnumerationAfter(25).build());
        try (ConfigMgr cm = h.connect()) {
            List<SoftwareUpdate> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
                    s.forEach(seen::add);
                }
            }).isInstanceOf(ConnectionException.class).hasMessageContaining("after 25 objects");
            assertThat(seen).hasSize(25); // what arrived is delivered, and the end is an exception, not a short list
        }
    }

    @Test
    void aFailedCommitLeavesTheSiteControlFileUnchangedAndTheHandleReleased() {
        Hierarchies h = Hierarchies.currentBranch(Faults.builder().failMethod("CommitSCF", WbemStatus.WBEM_E_FAILED).build());
        try (ConfigMgr cm = h.connect()) {
            int before = cm.siteControl().components("PS1").stream().filter(c -> c.componentName().equals("SMS_WSUS_SYNC_MANAGER"))
                    .findFirst().orElseThrow().property("Sync ExpressFiles").orElseThrow().value();
            assertThatThrownBy(() -> {
                try (SiteControlSession scf = cm.siteControl().open("PS1")) {
                    scf.put(scf.component("SMS_WSUS_SYNC_MANAGER").withProperty("Sync ExpressFiles", before + 1));
                    scf.commit();
                }
            }).isInstanceOf(WmiException.class).hasMessageContaining("CommitSCF")
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_FAILED)).isTrue());
            assertThat(h.sim.openSiteControlSessions()).isZero();
            int after = cm.siteControl().components("PS1").stream().filter(c -> c.componentName().equals("SMS_WSUS_SYNC_MANAGER"))
                    .findFirst().orElseThrow().property("Sync ExpressFiles").orElseThrow().value();
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void accessDeniedMidSessionReleasesTheHandle() {
        Hierarchies h = Hierarchies.currentBranch(Faults.builder().failAlways("PutInstance", WbemStatus.WBEM_E_ACCESS_DENIED).build());
        try (ConfigMgr cm = h.connect()) {
            assertThatThrownBy(() -> {
                try (SiteControlSession scf = cm.siteControl().open("PS1")) {
                    scf.put(scf.component("SMS_WSUS_SYNC_MANAGER").withProperty("Sync ExpressFiles", 1));
                }
            }).isInstanceOf(WmiException.class)
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_ACCESS_DENIED)).isTrue());
            assertThat(h.sim.openSiteControlSessions()).isZero();
        }
    }

    @Test
    void aSlowProviderHitsTheCallDeadline() {
        Hierarchies h = Hierarchies.currentBranch(Faults.builder().latency(Duration.ofSeconds(5), Duration.ofSeconds(5)).build());
        try (ConfigMgr cm = io.github.cm4j.ConfigMgr.builder().uri("memory:test").provider(h.sim.transportProvider())
                .callTimeout(Duration.ofMillis(50)).connect()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> cm.softwareUpdates().get(16777216)).isInstanceOf(CallTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
