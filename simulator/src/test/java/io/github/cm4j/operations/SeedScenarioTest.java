package io.github.cm4j.operations;

import io.github.cm4j.model.EulaAcceptance;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed scenario of the SDK, end to end through {@code ConfigMgr.connect} on the embedded demo hierarchies
 * (real time, the demo clock running 600 times faster): synchronize at the top site and wait for 6702, see the
 * new updates, watch the child sites follow, accept license terms, and on 2007 resend an update.
 */
class SeedScenarioTest {

    @ParameterizedTest
    @ValueSource(strings = {"memory:demo?speed=600", "memory:demo?version=2007&speed=600"})
    void synchronizeWaitSeeNewUpdatesChildrenFollowAcceptEulaResend(String uri) throws InterruptedException {
        try (ConfigMgr cm = ConfigMgr.connect(uri)) {
            boolean is2007 = cm.site().version().is2007();
            assertThat(cm.site().isTopLevel()).isTrue();
            Instant newest = newestPosted(cm);

            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(2));
            assertThat(r.isSuccess()).as(r.toString()).isTrue();
            assertThat(r.last().orElseThrow().messageId()).isEqualTo(6702);
            assertThat(newestPosted(cm)).isAfter(newest);

            String child = is2007 ? "PS1" : "PS2";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            SupSyncStatus status = cm.softwareUpdatePoint().status(child).orElseThrow();
            while (!(status.lastSyncState().orElse(null) == SyncState.DONE
                    && status.lastSyncStateTime().orElseThrow().isAfter(r.last().orElseThrow().time().orElseThrow()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = cm.softwareUpdatePoint().status(child).orElseThrow();
            }
            assertThat(status.lastSyncState()).as("child %s follows", child).contains(SyncState.DONE);

            SoftwareUpdate withTerms = first(cm, UpdateQuery.builder().eulaExists(true).eulaAccepted(false).build());
            cm.softwareUpdates().acceptEula(withTerms);
            assertThat(cm.softwareUpdates().get(withTerms.ciId()).eulaAccepted()).isEqualTo(EulaAcceptance.ACCEPTED);

            if (is2007) {
                SoftwareUpdate any = first(cm, UpdateQuery.builder().expired(false).build());
                cm.softwareUpdates().resendToAllSites(any);
            }
        }
    }

    private static SoftwareUpdate first(ConfigMgr cm, UpdateQuery q) {
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(q)) {
            return s.findFirst().orElseThrow();
        }
    }

    private static Instant newestPosted(ConfigMgr cm) {
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
            List<Instant> dates = s.map(u -> u.datePosted().orElse(Instant.EPOCH)).toList();
            return dates.stream().max(Instant::compareTo).orElseThrow();
        }
    }
}
