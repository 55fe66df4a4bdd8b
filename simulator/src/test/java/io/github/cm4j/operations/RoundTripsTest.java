package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.testkit.CallLog;
import io.github.cm4j.testkit.Operation;
import io.github.cm4j.testkit.RecordedCall;
import io.github.cm4j.testkit.RecordingTransport;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provider calls each operation makes, counted by the testkit's RecordingTransport: the table of
 * docs/operations.md ("Round trips") is what this test asserts.
 */
class RoundTripsTest {

    private record Client(ConfigMgr cm, CallLog log) {
    }

    private static Client connect(ProviderVersion version) {
        SimulatedClock clock = SimulatedClock.standard();
        SimulatedProvider sim = SimulatedProvider.builder().version(version).clock(clock).catalogSize(500).build();
        RecordingTransport.Provider recording = RecordingTransport.provider(sim.transportProvider());
        ConfigMgr cm = ConfigMgr.builder().uri("memory:test").provider(recording).clock(clock).sleeper(clock::advance).connect();
        // Warm the per-connection caches (SMS_Site, class definitions) that later calls do not repeat.
        cm.site();
        cm.getClass("SMS_SoftwareUpdate");
        cm.getClass("SMS_SiteControlFile");
        return new Client(cm, recording.log());
    }

    private static List<String> calls(CallLog log) {
        return log.calls().stream().map(RoundTripsTest::describe).toList();
    }

    private static String describe(RecordedCall c) {
        return c.operation() == Operation.INVOKE ? "INVOKE " + c.method().orElse("") : c.operation().toString();
    }

    @Test
    void synchronizeOnCurrentBranchIsTwoBaselineQueriesAndOneSyncNow() {
        Client c = connect(ProviderVersion.CURRENT_BRANCH);
        c.log.reset();
        c.cm.softwareUpdatePoint().synchronize();
        // The class definition of SMS_SoftwareUpdate is cached by the warm-up; SyncNow is one ExecMethod.
        assertThat(calls(c.log)).containsExactly("QUERY", "QUERY", "INVOKE SyncNow");
        c.cm.close();
    }

    @Test
    void synchronizeOn2007IsHandleRefreshQueryPutCommitRelease() {
        Client c = connect(ProviderVersion.CM2007);
        c.log.reset();
        c.cm.softwareUpdatePoint().synchronize();
        assertThat(calls(c.log)).containsExactly("QUERY", "QUERY", "INVOKE GetSessionHandle", "INVOKE RefreshSCF",
                "QUERY", "PUT", "INVOKE CommitSCF", "INVOKE ReleaseSessionHandle");
        assertThat(c.log.calls(Operation.PUT).get(0).contextKeys()).containsExactly("SessionHandle");
        c.cm.close();
    }

    @Test
    void aSyncJobPollIsTwoQueries() {
        Client c = connect(ProviderVersion.CURRENT_BRANCH);
        var job = c.cm.softwareUpdatePoint().synchronize();
        c.log.reset();
        job.status();
        assertThat(calls(c.log)).containsExactly("QUERY", "QUERY");
        c.cm.close();
    }

    @Test
    void updateOperationsAreOneCallEach() {
        Client c = connect(ProviderVersion.CURRENT_BRANCH);
        SoftwareUpdate u;
        try (Stream<SoftwareUpdate> s = c.cm.softwareUpdates().find(UpdateQuery.builder().eulaExists(true).build())) {
            u = s.findFirst().orElseThrow();
        }
        c.log.reset();
        try (Stream<SoftwareUpdate> s = c.cm.softwareUpdates().find(UpdateQuery.builder().expired(false).build())) {
            assertThat(s.count()).isPositive();
        }
        assertThat(calls(c.log)).containsExactly("QUERY");
        c.log.reset();
        c.cm.softwareUpdates().loadLazy(u);
        c.cm.softwareUpdates().acceptEula(u);
        c.cm.softwareUpdates().getEula(u);
        c.cm.softwareUpdates().setEnforcement(u, true, null);
        c.cm.softwareUpdates().content(u);
        assertThat(calls(c.log)).containsExactly("GET", "INVOKE AcceptEULA", "INVOKE GetEULA", "INVOKE SetEnforcement", "QUERY");
        c.cm.close();
    }

    @Test
    void updateGroupEditsReadOnceAndWriteOnce() {
        Client c = connect(ProviderVersion.CURRENT_BRANCH);
        var g = c.cm.updateGroups().create("Ring 0", "", List.of(16777216L));
        c.log.reset();
        c.cm.updateGroups().addUpdates(g.ciId(), List.of(16777217L));
        assertThat(calls(c.log)).containsExactly("GET", "PUT");
        c.log.reset();
        c.cm.updateGroups().create("Ring 1", "", List.of(16777216L));
        assertThat(calls(c.log)).containsExactly("PUT", "GET");
        c.cm.close();
    }

    @Test
    void aSiteControlSessionIsHandleRefreshThenOneCallPerStep() {
        Client c = connect(ProviderVersion.CURRENT_BRANCH);
        c.log.reset();
        try (SiteControlSession scf = c.cm.siteControl().open("PS1")) {
            scf.put(scf.component("SMS_WSUS_SYNC_MANAGER").withProperty("Sync ExpressFiles", 1));
            scf.diff();
            scf.commit();
        }
        assertThat(calls(c.log)).containsExactly("INVOKE GetSessionHandle", "INVOKE RefreshSCF", "QUERY", "PUT",
                "INVOKE CommitSCF", "INVOKE ReleaseSessionHandle");
        assertThat(c.log.calls()).filteredOn(x -> !"GetSessionHandle".equals(x.method().orElse("")) && !"ReleaseSessionHandle".equals(x.method().orElse("")))
                .allSatisfy(x -> assertThat(x.contextKeys()).containsExactly("SessionHandle"));
        c.cm.close();
    }
}
