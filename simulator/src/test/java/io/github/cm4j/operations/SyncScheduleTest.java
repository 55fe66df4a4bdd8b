package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleTokens;
import io.github.cm4j.simulator.SyncFailure;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.sync.NotTopLevelSiteException;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.sync.SyncMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synchronization schedule, scheduled full syncs, full vs delta, child retries and queued requests. */
class SyncScheduleTest {
    private static final ScheduleToken HOURLY = ScheduleTokens.parse("0001200000100100"); // every 1 hour, start unset

    @Test
    void theDemoScheduleIsSevenDaysAndSetThenShowReturnsTheNewOne() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdatePoint sup = cm.softwareUpdatePoint();
            assertThat(sup.schedule()).map(ScheduleToken::format).contains("0001200000100038");
            List<ScfChange> changes = sup.setSchedule(HOURLY);
            assertThat(changes).singleElement().satisfies(c -> assertThat(c.toString()).contains("Sync Schedule"));
            assertThat(sup.schedule()).contains(HOURLY);
            assertThat(sup.setSchedule(HOURLY)).as("no change the second time").isEmpty();
            assertThat(sup.previewSchedule(java.util.Optional.empty())).hasSize(1);
            assertThat(sup.schedule()).as("a preview commits nothing").contains(HOURLY);
            sup.disableSchedule();
            assertThat(sup.schedule()).isEmpty();
        }
    }

    @Test
    void aChildSiteRefusesToSetTheSchedule() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect("PS1")) {
            assertThatThrownBy(() -> cm.softwareUpdatePoint().setSchedule(HOURLY)).isInstanceOf(NotTopLevelSiteException.class)
                    .hasMessageContaining("schedule is set at the top-level site only");
            assertThatThrownBy(() -> cm.softwareUpdatePoint().disableSchedule()).isInstanceOf(NotTopLevelSiteException.class);
        }
    }

    @Test
    void aSessionRefusesAMisspeltPropertyAndAMalformedScheduleBeforeWriting() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect(); SiteControlSession scf = cm.siteControl().open("CAS")) {
            SciComponent sync = scf.component(SoftwareUpdatePoint.COMPONENT);
            assertThatThrownBy(() -> scf.put(sync.withProperty("Sync Expressfiles", 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no embedded property \"Sync Expressfiles\"")
                    .hasMessageContaining("did you mean \"Sync ExpressFiles\"");
            assertThatThrownBy(() -> scf.put(sync.withProperty("Sync Schedule", 0, "every day", "")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sync Schedule")
                    .hasMessageContaining("is not a hex digit");
            assertThatThrownBy(() -> scf.put(sync.withProperty("Sync Schedule", 0, "0001200000100000", "")))
                    .hasMessageContaining("all 0");
            assertThat(scf.diff()).isEmpty();
            scf.put(sync.withProperty("Brand New", 1), Set.of("Brand New"));
            assertThat(scf.diff()).singleElement().satisfies(c -> assertThat(c.toString()).contains("Brand New"));
        }
    }

    @Test
    void anHourlyScheduleRunsFullSyncsToDoneWithoutAManualTrigger() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdatePoint sup = cm.softwareUpdatePoint();
            Instant set = h.clock.instant();
            sup.setSchedule(HOURLY);
            assertThat(h.sim.sync().isRunning()).as("as soon as possible").isTrue();
            assertThat(h.sim.sync().nextScheduledSync()).contains(set.plus(Duration.ofHours(1)));
            h.clock.advance(Duration.ofMinutes(20));
            assertThat(sup.status("CAS")).flatMap(SupSyncStatus::lastSyncState).contains(SyncState.DONE);
            assertThat(h.sim.sync().log("CAS")).anyMatch(l -> l.startsWith("Wakeup for scheduled regular sync"))
                    .anyMatch(l -> l.startsWith("Performing sync on regular schedule"))
                    .anyMatch(l -> l.startsWith("Full sync requested"));
            Instant first = sup.status("CAS").flatMap(SupSyncStatus::lastSyncStateTime).orElseThrow();
            h.clock.advance(Duration.ofMinutes(60));
            sup.statuses();
            Instant second = sup.status("CAS").flatMap(SupSyncStatus::lastSyncStateTime).orElseThrow();
            assertThat(second).isAfter(first);
            assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(1));
            assertThat(h.sim.sync().completedSyncs()).startsWith("CAS", "PS1", "PS2", "CAS");
        }
    }

    @Test
    void aDisabledScheduleRunsNothing() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            cm.softwareUpdatePoint().disableSchedule();
            h.clock.advance(Duration.ofDays(30));
            assertThat(h.sim.sync().nextScheduledSync()).isEmpty();
            assertThat(h.sim.sync().completedSyncs()).isEmpty();
        }
    }

    @Test
    void theDemoSevenDayScheduleFiresSevenDaysAfterTheSeededLastSync() {
        Hierarchies h = Hierarchies.currentBranch();
        Instant built = h.clock.instant();
        assertThat(h.sim.sync().nextScheduledSync()).contains(built.minus(Duration.ofHours(6)).plus(Duration.ofDays(7)));
    }

    private static Map<Long, String> snapshot(ConfigMgr cm) {
        return cm.query("SELECT CI_ID, IsSuperseded, IsExpired, RevisionNumber FROM SMS_SoftwareUpdate")
                .collect(Collectors.toMap(o -> o.getLong("CI_ID"), SyncScheduleTest::facts));
    }

    private static String facts(WmiObject o) {
        return o.get("IsSuperseded").map(Object::toString).orElse("") + "/" + o.get("IsExpired").map(Object::toString).orElse("")
                + "/" + o.get("RevisionNumber").map(Object::toString).orElse("");
    }

    @Test
    void aDeltaSyncOnlyAddsAndAFullSyncAlsoRevisesSupersedesExpiresAndRemoves() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            Map<Long, String> before = snapshot(cm);
            cm.softwareUpdatePoint().synchronize(SyncMode.DELTA).await(Duration.ofHours(1));
            h.sim.sync().runToCompletion();
            Map<Long, String> afterDelta = snapshot(cm);
            assertThat(afterDelta.keySet()).containsAll(before.keySet());
            assertThat(afterDelta.size()).isGreaterThan(before.size());
            before.forEach((id, f) -> assertThat(afterDelta.get(id)).as("update %d after a delta sync", id).isEqualTo(f));
            assertThat(h.sim.sync().log("CAS")).anyMatch(l -> l.startsWith("Delta sync: "));

            cm.softwareUpdatePoint().synchronize(SyncMode.FULL).await(Duration.ofHours(1));
            h.sim.sync().runToCompletion();
            Map<Long, String> afterFull = snapshot(cm);
            long removed = afterDelta.keySet().stream().filter(id -> !afterFull.containsKey(id)).count();
            long changed = afterDelta.entrySet().stream().filter(e -> afterFull.containsKey(e.getKey())
                    && !afterFull.get(e.getKey()).equals(e.getValue())).count();
            assertThat(removed).isPositive();
            assertThat(changed).isPositive();
            assertThat(afterFull.size()).isGreaterThan(afterDelta.size() - (int) removed);
            String line = h.sim.sync().log("CAS").stream().filter(l -> l.startsWith("Full sync: ")).findFirst().orElseThrow();
            assertThat(line).contains(removed + " removed");
        }
    }

    @Test
    void aFailedChildSyncRetriesAfterAnHourAndSucceeds() {
        Hierarchies h = Hierarchies.currentBranch();
        h.sim.sync().failNext("PS1", SyncFailure.UPSTREAM_UNREACHABLE);
        try (ConfigMgr cm = h.connect()) {
            cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1));
            Instant end = h.sim.sync().runToCompletion();
            assertThat(h.sim.sync().completedSyncs()).containsExactly("CAS", "PS1 (failed)", "PS2", "PS1");
            assertThat(h.sim.sync().log("PS1")).anyMatch(l -> l.startsWith("Sync failed. Will retry in 60 minutes"))
                    .anyMatch(l -> l.startsWith("Wakeup to retry the failed sync"));
            SupSyncStatus ps1 = cm.softwareUpdatePoint().status("PS1").orElseThrow();
            assertThat(ps1.lastSyncState()).contains(SyncState.DONE);
            assertThat(ps1.lastSyncStateTime()).contains(end);
            assertThat(ps1.syncCatalogVersion()).isEqualTo(cm.softwareUpdatePoint().status("CAS").orElseThrow().syncCatalogVersion());
        }
    }

    @Test
    void aRequestDuringARunningSyncIsQueuedAndRunsAfterIt() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1));
            h.clock.advance(Duration.ofMinutes(2)); // children are synchronizing now
            assertThat(h.sim.sync().isRunning()).isTrue();
            cm.softwareUpdatePoint().synchronize(SyncMode.FULL);
            assertThat(h.sim.sync().hasQueuedRequest()).isTrue();
            assertThat(h.sim.sync().log("CAS")).anyMatch(l -> l.startsWith("Sync request queued"));
            h.sim.sync().runToCompletion();
            assertThat(h.sim.sync().completedSyncs()).containsExactly("CAS", "PS1", "PS2", "CAS", "PS1", "PS2");
            assertThat(h.sim.sync().log("CAS")).filteredOn(l -> l.startsWith("Full sync requested")).hasSize(1);
        }
    }

    @Test
    void onConfigMgr2007ASyncNowCommittedAtAChildIsIgnoredWithALogLine() {
        Hierarchies h = Hierarchies.cm2007();
        try (ConfigMgr cm = h.connect("PS1"); SiteControlSession scf = cm.siteControl().open("PS1")) {
            SciComponent sync = scf.component(SoftwareUpdatePoint.COMPONENT);
            scf.put(sync.withProperty(SoftwareUpdatePoint.SYNC_NOW_PROPERTY, (int) h.clock.instant().getEpochSecond()));
            scf.commit();
            h.sim.sync().tick();
            assertThat(h.sim.sync().isRunning()).isFalse();
            assertThat(h.sim.sync().log("PS1")).anyMatch(l -> l.startsWith("Sync Now request ignored: manual synchronization"
                    + " is not available at child site PS1"));
        }
    }
}
