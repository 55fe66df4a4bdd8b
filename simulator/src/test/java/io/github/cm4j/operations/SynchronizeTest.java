package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.sync.NotTopLevelSiteException;
import io.github.cm4j.sync.SyncJob;
import io.github.cm4j.sync.SyncMode;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynchronizeTest {

    private static long updateCount(ConfigMgr cm) {
        return cm.query("SELECT COUNT(*) FROM SMS_SoftwareUpdate").findFirst().orElseThrow().getLong("Count");
    }

    @Test
    void currentBranchSynchronizationRunsToDoneReportingEveryPhaseAndBringsNewUpdates() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            long before = updateCount(cm);
            SyncJob job = cm.softwareUpdatePoint().synchronize();
            List<SyncProgress> seen = new ArrayList<>();
            SyncResult r = job.await(Duration.ofMinutes(30), seen::add);

            assertThat(r.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(r.isSuccess()).isTrue();
            assertThat(seen).extracting(SyncProgress::messageId).containsExactly(6701, 6704, 6705, 6702);
            assertThat(seen).allSatisfy(p -> assertThat(p.siteCode()).isEqualTo("CAS"));
            assertThat(seen.get(1).text()).contains("Synchronizing WSUS Server");
            assertThat(r.progress()).isEqualTo(seen);
            assertThat(r.status()).map(SupSyncStatus::lastSyncState).contains(java.util.Optional.of(SyncState.DONE));
            assertThat(r.waited()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
            assertThat(updateCount(cm)).isGreaterThan(before);
        }
    }

    @Test
    void childSitesFollowTheirParentAfterTheTopSiteIsDone() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            Instant before = cm.softwareUpdatePoint().status("PS1").flatMap(SupSyncStatus::lastSyncStateTime).orElseThrow();
            cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            assertThat(cm.softwareUpdatePoint().status("PS1").flatMap(SupSyncStatus::lastSyncStateTime)).contains(before);
            h.sim.sync().runToCompletion();
            SupSyncStatus child = cm.softwareUpdatePoint().status("PS1").orElseThrow();
            assertThat(child.lastSyncState()).contains(SyncState.DONE);
            assertThat(child.lastSyncStateTime()).get().matches(t -> t.isAfter(before));
        }
    }

    @Test
    void fullSynchronizationPassesFullSyncAndTakesLonger() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            SyncResult delta = cm.softwareUpdatePoint().synchronize(SyncMode.DELTA).await(Duration.ofHours(1));
            SyncResult full = cm.softwareUpdatePoint().synchronize(SyncMode.FULL).await(Duration.ofHours(1));
            assertThat(full.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            // Only the messages of the second run are reported (record IDs after the trigger).
            assertThat(full.progress()).extracting(SyncProgress::messageId).containsExactly(6701, 6704, 6705, 6702);
            assertThat(full.waited()).isGreaterThan(delta.waited());
        }
    }

    @Test
    void aChildSiteRefusesAndNamesItsParent() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect("PS1")) {
            assertThatThrownBy(() -> cm.softwareUpdatePoint().synchronize())
                    .isInstanceOf(NotTopLevelSiteException.class)
                    .hasMessageContaining("PS1 is a child site").hasMessageContaining("root\\sms\\site_CAS")
                    .satisfies(e -> assertThat(((NotTopLevelSiteException) e).parentSiteCode()).isEqualTo("CAS"));
            assertThat(h.sim.sync().isRunning()).isFalse();
        }
    }

    @Test
    void aFailedSynchronizationEndsWith6703AndItsErrorCode() {
        Hierarchies h = Hierarchies.currentBranch();
        h.sim.sync().failNext(0x80244010);
        try (ConfigMgr cm = h.connect()) {
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(r.isSuccess()).isFalse();
            assertThat(r.errorCode()).isEqualTo(0x80244010L);
            assertThat(r.last()).map(SyncProgress::messageId).contains(6703);
            assertThat(r.toString()).contains("FAILED").contains("0x80244010");
        }
    }

    @Test
    void waitingEndsAtTheDeadlineWithTimedOutAndTheProgressSoFar() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            SyncJob job = cm.softwareUpdatePoint().synchronize();
            SyncResult r = job.await(Duration.ofSeconds(90));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.TIMED_OUT);
            assertThat(r.progress()).extracting(SyncProgress::messageId).startsWith(6701);
            assertThat(r.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(90)).isLessThan(Duration.ofSeconds(91));
            // The job can be awaited again and then completes.
            assertThat(job.await(Duration.ofMinutes(30)).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        }
    }

    @Test
    void statusPollsOnceWithoutWaiting() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            SyncJob job = cm.softwareUpdatePoint().synchronize();
            Instant t = h.clock.instant();
            SyncResult r = job.status();
            assertThat(h.clock.instant()).isEqualTo(t);
            assertThat(r.outcome()).isEqualTo(SyncOutcome.IN_PROGRESS);
            assertThat(r.progress()).extracting(SyncProgress::messageId).containsExactly(6701);
            assertThat(job.toString()).contains("CAS").contains("IN_PROGRESS");
        }
    }

    @Test
    void on2007TheSyncNowPropertyIsSetToTheClientClockInEpochSecondsThroughACommittedSession() {
        Hierarchies h = Hierarchies.cm2007();
        h.clock.advance(Duration.ofSeconds(17));
        try (ConfigMgr cm = h.connect()) {
            long expected = h.clock.instant().getEpochSecond();
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            SciComponent sync = cm.siteControl().components("CEN").stream()
                    .filter(c -> c.componentName().equals("SMS_WSUS_SYNC_MANAGER")).findFirst().orElseThrow();
            assertThat(Integer.toUnsignedLong(sync.property("Sync Now").orElseThrow().value())).isEqualTo(expected);
            assertThat(h.sim.sync().completedSyncs()).isNotEmpty();
        }
    }

    @Test
    void on2007AFullSynchronizationIsRefusedNamingTheVersion() {
        Hierarchies h = Hierarchies.cm2007();
        try (ConfigMgr cm = h.connect()) {
            assertThatThrownBy(() -> cm.softwareUpdatePoint().synchronize(SyncMode.FULL))
                    .isInstanceOf(UnsupportedOnVersionException.class)
                    .hasMessageContaining("ConfigMgr 2007 (4.00.6487.2000)").hasMessageContaining("DELTA");
        }
    }

    @Test
    void accessDeniedOnTheTriggerSurfacesAsAWmiExceptionAndNothingStarts() {
        Hierarchies h = Hierarchies.currentBranch(Faults.builder().failAlways("ExecMethod", WbemStatus.WBEM_E_ACCESS_DENIED).build());
        try (ConfigMgr cm = h.connect()) {
            assertThatThrownBy(() -> cm.softwareUpdatePoint().synchronize())
                    .isInstanceOf(WmiException.class)
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_ACCESS_DENIED)).isTrue());
            assertThat(h.sim.sync().isRunning()).isFalse();
        }
    }
}
