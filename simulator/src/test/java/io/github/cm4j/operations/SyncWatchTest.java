package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.simulator.SyncFailure;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.sync.HierarchySyncResult;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.sync.SyncDiagnosis;
import io.github.cm4j.sync.SyncFailureCause;
import io.github.cm4j.sync.SyncJob;
import io.github.cm4j.sync.SyncListener;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A synchronization you can watch: queued requests, requests never picked up, diagnosis, the whole hierarchy. */
class SyncWatchTest {

    private static SyncListener collect(List<String> notes, List<SyncProgress> progress) {
        return new SyncListener() {
            @Override
            public void onProgress(SyncProgress p) {
                progress.add(p);
            }

            @Override
            public void onNote(String note) {
                notes.add(note);
            }
        };
    }

    @Test
    void aTriggerWhileChildrenSynchronizeIsQueuedSaysSoAndCompletes() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1));
            h.clock.advance(Duration.ofMinutes(2));
            SyncJob second = cm.softwareUpdatePoint().synchronize();
            List<String> notes = new ArrayList<>();
            List<SyncProgress> progress = new ArrayList<>();
            SyncResult r = second.await(Duration.ofHours(1), collect(notes, progress));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(notes).singleElement().asString().startsWith("queued behind a running synchronization (site PS");
            assertThat(progress).extracting(SyncProgress::messageId).containsExactly(6701, 6704, 6705, 6702);
            assertThat(r.notes()).isEqualTo(notes);
        }
    }

    @Test
    void aTriggerWhileTheTopSiteRunsDoesNotTakeTheRunningSyncsEndForItsOwn() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            cm.softwareUpdatePoint().synchronize();
            h.clock.advance(Duration.ofMinutes(2));
            SyncJob second = cm.softwareUpdatePoint().synchronize();
            Instant triggered = h.clock.instant();
            SyncResult r = second.await(Duration.ofHours(2));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(r.progress()).extracting(SyncProgress::messageId).containsExactly(6701, 6704, 6705, 6702);
            assertThat(r.progress().get(0).time()).get().matches(t -> t.isAfter(triggered.plus(Duration.ofMinutes(5))),
                    "after the first run and its children");
        }
    }

    private static void storeSyncNow(ConfigMgr cm, String site, long value) {
        try (SiteControlSession scf = cm.siteControl().open(site)) {
            SciComponent sync = scf.component(SoftwareUpdatePoint.COMPONENT);
            scf.put(sync.withProperty(SoftwareUpdatePoint.SYNC_NOW_PROPERTY, (int) value));
            scf.commit();
        }
    }

    @Test
    void on2007AStoredSyncNowInTheFutureEndsTheJobNotStartedWithinTheGracePeriodAndSaysWhy() {
        Hierarchies h = Hierarchies.cm2007();
        try (ConfigMgr cm = h.connect()) {
            // The SDK sample's trigger: now + 8 hours. It starts one sync, then makes every correct trigger look old.
            long stored = h.clock.instant().plus(Duration.ofHours(8)).getEpochSecond();
            storeSyncNow(cm, "CEN", stored);
            h.sim.sync().runToCompletion();
            SyncJob job = cm.softwareUpdatePoint().synchronize();
            List<String> notes = new ArrayList<>();
            SyncResult r = job.await(Duration.ofHours(1), collect(notes, new ArrayList<>()));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.NOT_STARTED);
            assertThat(r.waited()).isGreaterThanOrEqualTo(SoftwareUpdatePoint.DEFAULT_GRACE_PERIOD)
                    .isLessThan(SoftwareUpdatePoint.DEFAULT_GRACE_PERIOD.plusMinutes(1));
            assertThat(r.notes()).last().asString().contains("within 5 min of the trigger").contains("stored Sync Now value")
                    .contains("withSyncNowAfterStoredValue()");
            assertThat(notes).isNotEmpty();
            assertThat(cm.siteControl().components("CEN").stream().filter(c -> c.componentName().equals(SoftwareUpdatePoint.COMPONENT))
                    .findFirst().orElseThrow().property(SoftwareUpdatePoint.SYNC_NOW_PROPERTY).orElseThrow().value())
                    .as("the stored value is kept, not overwritten by an older one").isEqualTo((int) stored);

            SyncResult after = cm.softwareUpdatePoint().withSyncNowAfterStoredValue().synchronize().await(Duration.ofHours(1));
            assertThat(after.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        }
    }

    @Test
    void aRequestTheStoppedComponentNeverPicksUpEndsNotStartedWithinTheGracePeriodNotAtTheTimeout() {
        Hierarchies h = Hierarchies.currentBranch();
        h.sim.sync().componentRunning(false);
        try (ConfigMgr cm = h.connect()) {
            SyncJob job = cm.softwareUpdatePoint().synchronize();
            SyncResult r = job.await(Duration.ofHours(2));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.NOT_STARTED);
            assertThat(r.waited()).isLessThan(Duration.ofMinutes(6));
            assertThat(r.progress()).isEmpty();
            assertThat(r.notes()).last().asString().contains("no 6701 (started) from SMS_WSUS_SYNC_MANAGER at CAS within 5 min of the trigger")
                    .contains("not picked up").contains("wsyncmgr.log");
            assertThat(r.toString()).contains("NOT_STARTED");

            // Started again, the component takes the request from its inbox; the same job sees it run to the end.
            h.sim.sync().componentRunning(true);
            assertThat(job.await(Duration.ofHours(1)).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        }
    }

    @ParameterizedTest
    @EnumSource(io.github.cm4j.simulator.ProviderVersion.class)
    void aRequestAtATopSiteWithoutAnActiveSoftwareUpdatePointEndsNotStartedWithThatReasonWithinTheGracePeriod(
            io.github.cm4j.simulator.ProviderVersion version) {
        Hierarchies h = Hierarchies.withoutSoftwareUpdatePoint(version, version == io.github.cm4j.simulator.ProviderVersion.CM2007
                ? "CEN" : "CAS");
        String top = h.sim.topSite().code();
        try (ConfigMgr cm = h.connect()) {
            assertThat(cm.softwareUpdatePoint().statuses()).extracting(s -> s.siteCode()).doesNotContain(top);
            List<String> notes = new ArrayList<>();
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(2), collect(notes, new ArrayList<>()));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.NOT_STARTED);
            assertThat(r.waited()).isGreaterThanOrEqualTo(SoftwareUpdatePoint.DEFAULT_GRACE_PERIOD)
                    .isLessThan(SoftwareUpdatePoint.DEFAULT_GRACE_PERIOD.plusMinutes(1));
            assertThat(r.progress()).isEmpty();
            assertThat(r.notes()).isEqualTo(notes).last().asString()
                    .contains("no 6701 (started) from SMS_WSUS_SYNC_MANAGER at " + top + " within 5 min of the trigger")
                    .contains("no active software update point at site " + top);
            // The request reached the component, which found no software update point: no status message, no child asked.
            assertThat(h.sim.sync().log(top)).anyMatch(l -> l.startsWith("No active software update point at site " + top));
            assertThat(h.sim.sync().completedSyncs()).isEmpty();
        }
    }

    @Test
    void aChildSiteWithoutASoftwareUpdatePointIsNotAskedAndTheOthersSynchronize() {
        Hierarchies h = Hierarchies.withoutSoftwareUpdatePoint(io.github.cm4j.simulator.ProviderVersion.CURRENT_BRANCH, "PS2");
        try (ConfigMgr cm = h.connect()) {
            HierarchySyncResult r = cm.softwareUpdatePoint().synchronize().awaitHierarchy(Duration.ofHours(2), SyncListener.none());
            assertThat(r.sites()).extracting(SyncResult::siteCode).containsExactly("CAS", "PS1");
            assertThat(r.sites()).allSatisfy(x -> assertThat(x.outcome()).isEqualTo(SyncOutcome.SUCCEEDED));
            assertThat(h.sim.sync().completedSyncs()).containsExactly("CAS", "PS1");
        }
    }

    @Test
    void theGracePeriodRunsOnTheProvidersClockSoASpedUpSiteEndsItSoonerOnOurs() {
        // The provider's clock runs 600 times faster than this machine's, as under `cm4j serve --speed 600`; the client
        // keeps the system clock and really sleeps between polls.
        io.github.cm4j.simulator.SimulatedProvider sim = io.github.cm4j.simulator.SimulatedProvider.builder()
                .clock(io.github.cm4j.simulator.SimulatedClock.running(io.github.cm4j.simulator.SimulatedClock.DEFAULT_START, 600))
                .catalogSize(200).build();
        sim.sync().componentRunning(false);
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:fast").provider(sim.transportProvider()).connect()) {
            SyncJob job = cm.softwareUpdatePoint().synchronize();
            SyncResult r = job.await(Duration.ofSeconds(20));
            assertThat(r.outcome()).as("5 min of the site's time is half a second of ours").isEqualTo(SyncOutcome.NOT_STARTED);
            assertThat(r.waited()).isLessThan(Duration.ofSeconds(10));
            assertThat(r.notes()).last().asString().contains("within 5 min of the trigger (by the site server's clock)")
                    .contains("not picked up");
        }
    }

    @Test
    void theGracePeriodIsConfigurable() {
        Hierarchies h = Hierarchies.cm2007();
        try (ConfigMgr cm = h.connect()) {
            storeSyncNow(cm, "CEN", h.clock.instant().plus(Duration.ofHours(8)).getEpochSecond());
            h.sim.sync().runToCompletion();
            SyncResult r = cm.softwareUpdatePoint().withGracePeriod(Duration.ofSeconds(30)).synchronize()
                    .await(Duration.ofHours(1));
            assertThat(r.outcome()).isEqualTo(SyncOutcome.NOT_STARTED);
            assertThat(r.waited()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @ParameterizedTest
    @EnumSource(SyncFailure.class)
    void everyInjectedCauseIsDiagnosed(SyncFailure cause) {
        Hierarchies h = Hierarchies.currentBranch();
        h.sim.sync().failNext("CAS", cause);
        try (ConfigMgr cm = h.connect()) {
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1));
            assertThat(r.last()).map(SyncProgress::messageId).contains(cause.messageId());
            SyncDiagnosis d = r.diagnosis().orElseThrow();
            assertThat(d.cause()).isEqualTo(SyncFailureCause.valueOf(cause.name()));
            assertThat(d.whatToCheck()).isNotBlank();
            assertThat(d.toString()).contains(cause.name());
        }
    }

    @Test
    void aSuccessfulSyncHasNoDiagnosis() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            assertThat(cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1)).diagnosis()).isEmpty();
        }
    }

    @Test
    void awaitHierarchyReportsEverySiteIncludingAChildsRetry() {
        Hierarchies h = Hierarchies.currentBranch();
        h.sim.sync().failNext("PS1", SyncFailure.TLS);
        try (ConfigMgr cm = h.connect()) {
            List<SyncProgress> progress = new ArrayList<>();
            HierarchySyncResult all = cm.softwareUpdatePoint().synchronize().awaitHierarchy(Duration.ofHours(3),
                    collect(new ArrayList<>(), progress));
            assertThat(all.isSuccess()).isTrue();
            assertThat(all.sites()).extracting(SyncResult::siteCode).containsExactly("CAS", "PS1", "PS2");
            SyncResult ps1 = all.site("PS1").orElseThrow();
            assertThat(ps1.progress()).extracting(SyncProgress::messageId).containsExactly(6701, 6704, 6705, 6703,
                    6701, 6704, 6705, 6702);
            assertThat(ps1.notes()).containsExactly("1 failed attempt, then succeeded");
            assertThat(all.toString()).contains("PS1 SUCCEEDED (1 failed attempt, then succeeded)");
            assertThat(progress).anyMatch(p -> p.siteCode().equals("PS2"));
        }
    }

    @Test
    void awaitHierarchyOfARequestQueuedBehindAnotherReportsOnlyTheChildrensRunsForIt() {
        Hierarchies h = Hierarchies.currentBranch();
        try (ConfigMgr cm = h.connect()) {
            cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1));
            HierarchySyncResult all = cm.softwareUpdatePoint().synchronize(io.github.cm4j.sync.SyncMode.FULL)
                    .awaitHierarchy(Duration.ofHours(3), SyncListener.none());
            assertThat(all.isSuccess()).isTrue();
            assertThat(all.site("PS1").orElseThrow().progress()).extracting(SyncProgress::messageId)
                    .containsExactly(6701, 6704, 6705, 6702);
        }
    }

    @Test
    void awaitHierarchyStopsAtTheDeadlineWhileAChildKeepsFailing() {
        Hierarchies h = Hierarchies.currentBranch();
        for (int i = 0; i < 5; i++) {
            h.sim.sync().failNext("PS2", SyncFailure.UPSTREAM_UNREACHABLE);
        }
        try (ConfigMgr cm = h.connect()) {
            HierarchySyncResult all = cm.softwareUpdatePoint().synchronize().awaitHierarchy(Duration.ofHours(2),
                    SyncListener.none());
            assertThat(all.isSuccess()).isFalse();
            SyncResult ps2 = all.site("PS2").orElseThrow();
            assertThat(ps2.outcome()).isEqualTo(SyncOutcome.TIMED_OUT);
            assertThat(ps2.errorCode()).isEqualTo(0x80072EFEL);
            assertThat(ps2.notes()).singleElement().asString().endsWith("retrying");
            assertThat(all.site("PS1")).map(SyncResult::outcome).contains(SyncOutcome.SUCCEEDED);
        }
    }

    @Test
    void awaitHierarchyAfterAFailedTopSiteSaysTheChildrenWereNotAsked() {
        Hierarchies h = Hierarchies.currentBranch();
        h.sim.sync().failNext("CAS", SyncFailure.WSUS_API_PERMISSION);
        try (ConfigMgr cm = h.connect()) {
            HierarchySyncResult all = cm.softwareUpdatePoint().synchronize().awaitHierarchy(Duration.ofHours(1),
                    SyncListener.none());
            assertThat(all.sites()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.FAILED,
                    SyncOutcome.NOT_STARTED, SyncOutcome.NOT_STARTED);
            assertThat(all.site("PS1").orElseThrow().notes()).singleElement().asString().contains("not asked");
        }
    }
}
