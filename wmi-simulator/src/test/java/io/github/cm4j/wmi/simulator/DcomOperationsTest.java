package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.ScfConflictException;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operations of core over {@code dcom://} against the loopback server give the results they give over {@code
 * memory:}: each scenario runs on two identical simulated hierarchies (same version, seed and standing clock), one
 * reached through {@code ConfigMgr.builder().uri("dcom://127.0.0.1:<port>/<site>")}, the other in memory, and the
 * outcomes are compared.
 */
class DcomOperationsTest {
    private static final String SYNC = "SMS_WSUS_SYNC_MANAGER";

    /** One simulated hierarchy with a clock that only moves when a client waits. */
    private static final class Hierarchy {
        final SimulatedClock clock = SimulatedClock.standard();
        final SimulatedProvider sim;

        Hierarchy(ProviderVersion version) {
            sim = SimulatedProvider.builder().version(version).clock(clock).catalogSize(300).build();
        }
    }

    /** Runs a scenario over memory and over dcom on identical hierarchies; returns both outcomes. */
    private static <T> List<T> both(ProviderVersion version, Function<ConfigMgr, T> scenario) {
        List<T> outcomes = new ArrayList<>();
        Hierarchy memory = new Hierarchy(version);
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:test?site=" + memory.sim.topSite().code())
                .provider(memory.sim.transportProvider()).clock(memory.clock).sleeper(memory.clock::advance).connect()) {
            outcomes.add(scenario.apply(cm));
        }
        Hierarchy dcom = new Hierarchy(version);
        try (WmiServer server = LoopbackSites.start(dcom.sim);
             ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, dcom.sim.topSite().code(), ""))
                     .credentials(LoopbackSites.ADMIN).clock(dcom.clock).sleeper(dcom.clock::advance).connect()) {
            assertThat(cm.toString()).contains("dcom://");
            outcomes.add(scenario.apply(cm));
        }
        return outcomes;
    }

    private static void assertSame(List<?> outcomes) {
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(1)).as("over dcom:// as over memory:").isEqualTo(outcomes.get(0));
    }

    private static List<SoftwareUpdate> find(SoftwareUpdates u, UpdateQuery q) {
        try (Stream<SoftwareUpdate> s = u.find(q)) {
            return s.toList();
        }
    }

    private static long updateCount(ConfigMgr cm) {
        return cm.query("SELECT COUNT(*) FROM SMS_SoftwareUpdate").findFirst().orElseThrow().getLong("Count");
    }

    @Test
    void synchronizationOnCurrentBranchRunsToDoneWithTheSamePhasesAndUpdates() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            long before = updateCount(cm);
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            return r.outcome() + " " + r.progress().stream().map(SyncProgress::messageId).toList() + " " + r.waited()
                    + " updates " + before + "->" + updateCount(cm);
        });
        assertThat(outcomes.get(0)).startsWith("SUCCEEDED [6701, 6704, 6705, 6702]");
        assertSame(outcomes);
    }

    @Test
    void synchronizationOn2007SetsSyncNowThroughACommittedSiteControlSession() {
        List<String> outcomes = both(ProviderVersion.CM2007, cm -> {
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            SciComponent sync = cm.siteControl().components(cm.site().siteCode()).stream()
                    .filter(c -> c.componentName().equals(SYNC)).findFirst().orElseThrow();
            return r.outcome() + " " + r.progress().stream().map(SyncProgress::messageId).toList()
                    + " Sync Now=" + Integer.toUnsignedLong(sync.property("Sync Now").orElseThrow().value());
        });
        assertThat(outcomes.get(0)).startsWith("SUCCEEDED");
        assertSame(outcomes);
    }

    @Test
    void licenseTermsAreReadAcceptedAndDeclined() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            SoftwareUpdates u = cm.softwareUpdates();
            SoftwareUpdate x = find(u, UpdateQuery.builder().eulaExists(true).build()).get(0);
            String eula = u.getEula(x);
            u.acceptEula(x);
            Object accepted = u.get(x.ciId()).eulaAccepted();
            u.acceptEula(x, false);
            return x.ciId() + " eula " + eula.length() + " chars, accepted " + accepted + ", declined " + u.get(x.ciId()).eulaAccepted();
        });
        assertThat(outcomes.get(0)).contains("accepted 1, declined 2");
        assertSame(outcomes);
    }

    @Test
    void resendToAllSitesRunsOn2007AndIsRefusedOnCurrentBranch() {
        List<String> old = both(ProviderVersion.CM2007, cm -> {
            SoftwareUpdate x = find(cm.softwareUpdates(), UpdateQuery.all()).get(0);
            Object before = cm.get("SMS_SoftwareUpdate.CI_ID=" + x.ciId()).get("DateLastModified").orElseThrow();
            cm.softwareUpdates().resendToAllSites(x);
            Object after = cm.get("SMS_SoftwareUpdate.CI_ID=" + x.ciId()).get("DateLastModified").orElseThrow();
            return x.ciId() + " " + before + " -> " + after;
        });
        assertSame(old);
        List<String> current = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            SoftwareUpdate x = find(cm.softwareUpdates(), UpdateQuery.all()).get(0);
            try {
                cm.softwareUpdates().resendToAllSites(x);
                return "resent";
            } catch (ConfigMgrException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });
        assertThat(current.get(0)).startsWith("UnsupportedOnVersionException");
        assertSame(current);
    }

    @Test
    void aConflictingSiteControlCommitReportsTheSameConflictAndAppliesNothing() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            String site = cm.site().siteCode();
            StringBuilder seen = new StringBuilder();
            try (SiteControlSession mine = cm.siteControl().open(site); SiteControlSession theirs = cm.siteControl().open(site)) {
                SciComponent a = mine.component(SYNC);
                theirs.put(theirs.component(SYNC).withProperty("Sync ExpressFiles", 7));
                theirs.commit();
                mine.put(a.withProperty("Sync ExpressFiles", 9));
                try {
                    mine.commit();
                    seen.append("committed");
                } catch (ScfConflictException e) {
                    seen.append("conflict ").append(e.siteCode()).append(' ').append(e.conflicts());
                }
                seen.append(", now ").append(committed(cm, site));
                mine.refresh();
                mine.put(mine.component(SYNC).withProperty("Sync ExpressFiles", 9));
                mine.commit();
            }
            return seen.append(", after redo ").append(committed(cm, site)).toString();
        });
        assertThat(outcomes.get(0)).startsWith("conflict").contains("now 7").endsWith("after redo 9");
        assertSame(outcomes);
    }

    private static int committed(ConfigMgr cm, String site) {
        return cm.siteControl().components(site).stream().filter(c -> c.componentName().equals(SYNC)).findFirst()
                .orElseThrow().property("Sync ExpressFiles").orElseThrow().value();
    }
}
