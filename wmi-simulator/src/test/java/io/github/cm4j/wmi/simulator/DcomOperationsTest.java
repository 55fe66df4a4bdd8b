package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.WmiException;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.model.UpdateGroupAssignment;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.ScfConflictException;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateGroups;
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

        Hierarchy(ProviderVersion version, java.util.function.UnaryOperator<SimulatedProvider.Builder> tweak) {
            sim = tweak.apply(SimulatedProvider.builder().version(version).clock(clock).catalogSize(300)).build();
        }
    }

    /** Runs a scenario over memory and over dcom on identical hierarchies; returns both outcomes. */
    private static <T> List<T> both(ProviderVersion version, Function<ConfigMgr, T> scenario) {
        return both(version, b -> b, scenario);
    }

    /** As {@link #both(ProviderVersion, Function)} on hierarchies the builder tweak changes alike. */
    private static <T> List<T> both(ProviderVersion version, java.util.function.UnaryOperator<SimulatedProvider.Builder> tweak,
                                    Function<ConfigMgr, T> scenario) {
        List<T> outcomes = new ArrayList<>();
        Hierarchy memory = new Hierarchy(version, tweak);
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:test?site=" + memory.sim.topSite().code())
                .provider(memory.sim.transportProvider()).clock(memory.clock).sleeper(memory.clock::advance).connect()) {
            outcomes.add(scenario.apply(cm));
        }
        Hierarchy dcom = new Hierarchy(version, tweak);
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
    void aSynchronizationAtASiteWithoutASoftwareUpdatePointEndsNotStartedWithThatReason() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, b -> b.withoutSoftwareUpdatePoint("CAS"), cm -> {
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            return r.outcome() + " after " + r.waited().toMinutes() + " min: " + r.notes();
        });
        assertThat(outcomes.get(0)).startsWith("NOT_STARTED after 5 min").contains("no active software update point at site CAS");
        assertSame(outcomes);
    }

    @Test
    void theGracePeriodRunsOnTheServedSitesClockAsUnderServeSpeed() {
        // As `cm4j serve --speed 600`: the site's clock runs 600 times faster than ours; the client reads it from
        // root\cimv2 Win32_OperatingSystem over its own NTLMLogin to that namespace.
        SimulatedProvider sim = SimulatedProvider.builder()
                .clock(SimulatedClock.running(SimulatedClock.DEFAULT_START, 600)).catalogSize(300).build();
        sim.sync().componentRunning(false);
        try (WmiServer server = LoopbackSites.start(sim);
             ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, "CAS", "")).credentials(LoopbackSites.ADMIN)
                     .connect()) {
            java.time.Instant site = cm.transport().query("root\\cimv2", "SELECT LocalDateTime FROM Win32_OperatingSystem",
                    io.github.cm4j.spi.QueryOptions.defaults(), io.github.cm4j.cim.WmiContext.empty()).findFirst().orElseThrow()
                    .get("LocalDateTime").orElseThrow().asDateTime().toInstant();
            assertThat(site).isBefore(java.time.Instant.now().minus(Duration.ofDays(300))).as("the simulated clock, 2024");
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofSeconds(30));
            assertThat(r.outcome()).isEqualTo(io.github.cm4j.sync.SyncOutcome.NOT_STARTED);
            assertThat(r.waited()).isLessThan(Duration.ofSeconds(15));
            assertThat(r.notes()).last().asString().contains("within 5 min of the trigger (by the site server's clock)");
        }
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
        assertThat(outcomes.get(0)).contains("accepted ACCEPTED, declined DECLINED");
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

    private static List<Long> someUpdates(ConfigMgr cm, int n) {
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().expired(false).build())) {
            return s.limit(n).map(SoftwareUpdate::ciId).toList();
        }
    }

    @Test
    void aCreatedUpdateGroupGetsTheProviderAssignedKeyThroughTheCallResult() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            List<Long> ids = someUpdates(cm, 3);
            AuthorizationList g = cm.updateGroups().create("Pilot 2024-06", "first ring", ids);
            List<Long> members;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().updateGroup("Pilot 2024-06").build())) {
                members = s.map(SoftwareUpdate::ciId).sorted().toList();
            }
            return "group " + g.ciId() + " '" + g.localizedDisplayName() + "' updates " + g.updates().get()
                    + " found " + cm.updateGroups().findByName("pilot 2024-06").map(AuthorizationList::ciId).orElse(-1L)
                    + " members " + members;
        });
        assertThat(outcomes.get(0)).startsWith("group ").contains("'Pilot 2024-06'");
        assertThat(outcomes.get(1)).as("the dcom:// create read the new CI_ID back (GetResultString), not the keyless path")
                .doesNotContain("group 0 ");
        assertSame(outcomes);
    }

    @Test
    void updatesAreAddedToAndRemovedFromAGroupThenTheGroupIsDeleted() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            List<Long> ids = someUpdates(cm, 4);
            UpdateGroups groups = cm.updateGroups();
            AuthorizationList g = groups.create("Ring 1", "", ids.subList(0, 2));
            groups.addUpdates(g.ciId(), List.of(ids.get(2), ids.get(3), ids.get(0)));
            List<Long> added = groups.get(g.ciId()).updates().get();
            groups.removeUpdates(g.ciId(), List.of(ids.get(1)));
            AuthorizationList after = groups.get(g.ciId());
            groups.delete(g.ciId());
            String gone;
            try {
                groups.get(g.ciId());
                gone = "still there";
            } catch (WmiException e) {
                gone = e.statusName();
            }
            return "added " + added + " removed " + after.updates().get() + " localized "
                    + after.localizedInformation().get().size() + " after delete " + gone + " by name "
                    + groups.findByName("Ring 1").isPresent();
        });
        assertThat(outcomes.get(0)).contains("localized 1").contains("after delete WBEM_E_NOT_FOUND").endsWith("by name false");
        assertSame(outcomes);
    }

    @Test
    void deploymentsListTheSameAssignmentsOfTheSameGroups() {
        List<String> outcomes = both(ProviderVersion.CURRENT_BRANCH, cm -> {
            List<UpdateGroupAssignment> all;
            try (Stream<UpdateGroupAssignment> s = cm.deployments().list()) {
                all = s.sorted(java.util.Comparator.comparingLong(d -> d.assignmentId())).toList();
            }
            StringBuilder b = new StringBuilder(all.size() + " deployments");
            for (UpdateGroupAssignment d : all) {
                List<Integer> ofGroup;
                try (Stream<UpdateGroupAssignment> s = cm.deployments().ofUpdateGroup(d.assignedUpdateGroup())) {
                    ofGroup = s.map(UpdateGroupAssignment::assignmentId).sorted().toList();
                }
                b.append("; ").append(d.assignmentId()).append(" -> group ").append(d.assignedUpdateGroup())
                        .append(" deployed ").append(cm.updateGroups().get(d.assignedUpdateGroup()).isDeployed())
                        .append(" group's deployments ").append(ofGroup);
            }
            return b.toString();
        });
        assertThat(outcomes.get(0)).doesNotStartWith("0 deployments").contains("deployed true");
        assertSame(outcomes);
    }

    private static int committed(ConfigMgr cm, String site) {
        return cm.siteControl().components(site).stream().filter(c -> c.componentName().equals(SYNC)).findFirst()
                .orElseThrow().property("Sync ExpressFiles").orElseThrow().value();
    }
}
