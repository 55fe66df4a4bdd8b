package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.EmbeddedProperty;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.testkit.Operation;
import io.github.cm4j.testkit.RecordedCall;
import io.github.cm4j.testkit.RecordingTransport;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * ConfigMgr 2007 with the software update point on a server of its own: the site control file names the WSUS
 * components after that server ({@code SMS_WSUS_SYNC_MANAGER|<SUPServerName>}, as the 2007 SDK samples address
 * them), and {@code synchronize()} and {@code component(name)} find it without being told the server.
 */
class SynchronizeSupElsewhere2007Test {
    private final SimulatedClock clock = SimulatedClock.standard();

    private ConfigMgr connect(SimulatedProvider sim, RecordingTransport.Provider recording) {
        return ConfigMgr.builder().uri("memory:test").provider(recording).clock(clock).sleeper(clock::advance).connect();
    }

    private static long committedSyncNow(ConfigMgr cm, String site) {
        return cm.siteControl().components(site).stream().filter(c -> c.componentName().equals("SMS_WSUS_SYNC_MANAGER"))
                .findFirst().orElseThrow().property("Sync Now").map(EmbeddedProperty::value).orElseThrow();
    }

    @Test
    void componentFindsTheSyncManagerOnTheSoftwareUpdatePointServerWithoutItsName() {
        SimulatedProvider sim = SimulatedProvider.builder().version(ProviderVersion.CM2007).clock(clock).build();
        try (ConfigMgr cm = connect(sim, RecordingTransport.provider(sim.transportProvider()));
             SiteControlSession scf = cm.siteControl().open("CEN")) {
            SciComponent sync = scf.component("SMS_WSUS_SYNC_MANAGER");
            assertThat(sync.itemName()).isEqualTo("SMS_WSUS_SYNC_MANAGER|censup.contoso.com");
            assertThat(scf.component("SMS_WSUS_SYNC_MANAGER", "censup.contoso.com")).isEqualTo(sync);
            assertThatThrownBy(() -> scf.component("SMS_WSUS_SYNC_MANAGER", "SMS Site Server"))
                    .isInstanceOf(NoSuchElementException.class).hasMessageContaining("censup.contoso.com");
        }
    }

    @Test
    void synchronizeWritesSyncNowOfTheComponentOnTheSoftwareUpdatePointServerAndReaches6702() {
        SimulatedProvider sim = SimulatedProvider.builder().version(ProviderVersion.CM2007).clock(clock)
                .topSite("ABC", "Fabrikam Central").childSite("PS1", "Primary", "ABC")
                .softwareUpdatePoint("ABC", "wsus01.fabrikam.com").build();
        RecordingTransport.Provider recording = RecordingTransport.provider(sim.transportProvider());
        try (ConfigMgr cm = connect(sim, recording)) {
            long components = cm.siteControl().components("ABC").size();
            recording.log().reset();

            io.github.cm4j.sync.SyncJob job = cm.softwareUpdatePoint().synchronize();
            SyncResult result = job.await(Duration.ofMinutes(30));

            List<RecordedCall> puts = recording.log().calls().stream().filter(c -> c.operation() == Operation.PUT).toList();
            assertThat(puts).hasSize(1);
            assertThat(puts.get(0).target()).contains("SMS_SCI_Component").contains("ItemName=\"SMS_WSUS_SYNC_MANAGER|wsus01.fabrikam.com\"")
                    .contains("SiteCode=\"ABC\"");
            assertThat(puts.get(0).contextKeys()).contains("SessionHandle");
            assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            assertThat(result.progress()).extracting(p -> p.messageId()).endsWith(6702);
            assertThat(committedSyncNow(cm, "ABC")).isEqualTo(job.triggeredAt().getEpochSecond());
            assertThat(cm.siteControl().components("ABC")).as("the item was edited, not a new one created").hasSize((int) components);
        }
    }
}
