package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.CiAssignment;
import io.github.cm4j.model.DeploymentTemplate;
import io.github.cm4j.model.UpdateGroupAssignment;
import io.github.cm4j.model.UpdatesAssignment;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.updates.NewDeployment;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Creating deployments on both provider versions, over memory: and over dcom:// against the loopback server
 * ({@code cm4j serve}'s server): an update group deployment on current branch, an {@code SMS_UpdatesAssignment}
 * of an update list with a deployment template on ConfigMgr 2007; bad input refused before anything is written.
 */
class DeploymentCreationTest {
    private static final LocalDateTime AVAILABLE = LocalDateTime.of(2024, 5, 15, 18, 0);
    private static final LocalDateTime DEADLINE = LocalDateTime.of(2024, 5, 22, 18, 0);

    private static void overBoth(ProviderVersion version, Consumer<ConfigMgr> scenario) {
        SimulatedProvider memory = SimulatedProvider.builder().version(version).clock(SimulatedClock.standard()).build();
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:test?site=" + memory.topSite().code())
                .provider(memory.transportProvider()).connect()) {
            scenario.accept(cm);
        }
        SimulatedProvider served = SimulatedProvider.builder().version(version).clock(SimulatedClock.standard()).build();
        try (WmiServer server = LoopbackSites.start(served);
             ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, served.topSite().code(), ""))
                     .credentials(LoopbackSites.ADMIN).connect()) {
            scenario.accept(cm);
        }
    }

    private static AuthorizationList firstGroup(ConfigMgr cm) {
        long ciId;
        try (Stream<AuthorizationList> s = cm.updateGroups().list()) {
            ciId = s.findFirst().orElseThrow().ciId();
        }
        return cm.updateGroups().get(ciId); // lazy Updates loaded

    }

    private static long count(ConfigMgr cm, String cls) {
        return cm.query("SELECT COUNT(*) FROM " + cls).findFirst().orElseThrow().getLong("Count");
    }

    @Test
    void currentBranchCreatesAnUpdateGroupDeploymentAndReadsItBackTyped() {
        overBoth(ProviderVersion.CURRENT_BRANCH, cm -> {
            AuthorizationList group = firstGroup(cm);
            CiAssignment d = cm.deployments().newDeployment("CM4J required").updateGroup(group.ciId()).collection("SMS00001")
                    .available(AVAILABLE).deadline(DEADLINE).timeBase(NewDeployment.TimeBase.UTC)
                    .userNotification(NewDeployment.UserNotification.HIDE_ALL).suppressRestart(false, true)
                    .acceptEula(true).create();
            assertThat(d).isInstanceOfSatisfying(UpdateGroupAssignment.class, g -> {
                assertThat((long) g.assignedUpdateGroup()).isEqualTo(group.ciId());
                assertThat(g.userUiExperience()).isFalse();
            });
            assertThat(d.assignmentId()).isPositive();
            assertThat(d.assignmentName()).isEqualTo("CM4J required");
            assertThat(d.targetCollectionId()).isEqualTo("SMS00001");
            assertThat(d.assignedCis()).hasSize(group.updates().get().size());
            assertThat(d.useGmtTimes()).isTrue();
            assertThat(d.notifyUser()).isFalse();
            assertThat(d.suppressReboot()).isEqualTo(2);
            assertThat(d.startTime()).isEqualTo(AVAILABLE.toInstant(java.time.ZoneOffset.UTC));
            assertThat(d.enforcementDeadline()).contains(DEADLINE.toInstant(java.time.ZoneOffset.UTC));
            assertThat(cm.deployments().get(d.assignmentId())).isEqualTo(d);
            try (Stream<UpdateGroupAssignment> s = cm.deployments().ofUpdateGroup(group.ciId())) {
                assertThat(s.map(UpdateGroupAssignment::assignmentId)).contains(d.assignmentId());
            }
            assertThatThrownBy(() -> cm.deployments().newDeployment("x").updateList(group.ciId()).collection("SMS00001")
                    .deadline(LocalDateTime.now().plusDays(3)).create()).isInstanceOf(UnsupportedOnVersionException.class);
        });
    }

    @Test
    void configMgr2007CreatesAnUpdatesAssignmentOfAnUpdateListWithATemplate() {
        overBoth(ProviderVersion.CM2007, cm -> {
            assertThat(cm.site().version().is2007()).isTrue();
            AuthorizationList list = firstGroup(cm);
            List<Long> members = list.updates().get();
            CiAssignment d = cm.deployments().newDeployment("CM4J 2007").updateList(list.ciId()).collection("SMS00001")
                    .available(AVAILABLE).deadline(DEADLINE).template("CM4J monthly").acceptEula(true).create();
            assertThat(d).isInstanceOf(UpdatesAssignment.class);
            assertThat(d.assignedCis()).containsExactlyInAnyOrderElementsOf(members.stream().map(Long::intValue).toList());
            assertThat(d.useGmtTimes()).isFalse();
            // The 2007 page's IsBundle note: updates included through an authorization list are bundle members.
            for (long ciId : members) {
                assertThat(cm.softwareUpdates().get(ciId).isBundle()).isTrue();
            }
            List<DeploymentTemplate> templates;
            try (Stream<DeploymentTemplate> s = cm.deployments().templates()) {
                templates = s.toList();
            }
            assertThat(templates).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("CM4J monthly");
                assertThat(t.data()).get().asString().contains("<CollectionId>SMS00001</CollectionId>")
                        .contains("<Duration>7</Duration><DurationUnits>Days</DurationUnits>");
            });
            try (Stream<CiAssignment> s = cm.deployments().listAll()) {
                assertThat(s.map(CiAssignment::assignmentId)).contains(d.assignmentId());
            }
            assertThatThrownBy(() -> cm.deployments().list()).isInstanceOf(UnsupportedOnVersionException.class)
                    .hasMessageContaining("ConfigMgr 2007");
            assertThatThrownBy(() -> cm.deployments().newDeployment("x").updateGroup(list.ciId()).collection("SMS00001")
                    .deadline(LocalDateTime.now().plusDays(3)).create()).isInstanceOf(UnsupportedOnVersionException.class);
        });
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        overBoth(ProviderVersion.CURRENT_BRANCH, cm -> {
            long before = count(cm, "SMS_UpdateGroupAssignment");
            long group = firstGroup(cm).ciId();
            assertThatIllegalArgumentException().isThrownBy(() -> cm.deployments().newDeployment("no updates")
                    .collection("SMS00001").deadline(DEADLINE).create()).withMessageContaining("no updates");
            assertThatIllegalArgumentException().isThrownBy(() -> cm.deployments().newDeployment("unknown collection")
                    .updateGroup(group).collection("XYZ00042").available(AVAILABLE).deadline(DEADLINE).create())
                    .withMessageContaining("no collection XYZ00042");
            assertThatIllegalArgumentException().isThrownBy(() -> cm.deployments().newDeployment("backwards")
                    .updateGroup(group).collection("SMS00001").available(DEADLINE).deadline(AVAILABLE).create())
                    .withMessageContaining("is not after the available time");
            assertThatIllegalArgumentException().isThrownBy(() -> cm.deployments().newDeployment("no deadline")
                    .updateGroup(group).collection("SMS00001").create()).withMessageContaining("needs a deadline");
            assertThatIllegalArgumentException().isThrownBy(() -> cm.deployments().newDeployment("bad id")
                    .collection("SMS 0001")).withMessageContaining("not a collection ID");
            assertThat(count(cm, "SMS_UpdateGroupAssignment")).isEqualTo(before);
        });
    }

    @Test
    void unacceptedLicenseTermsRefuseTheDeploymentUnlessAccepted() {
        overBoth(ProviderVersion.CURRENT_BRANCH, cm -> {
            long eulaUpdate = cm.query("SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = TRUE AND EULAAccepted <> 1")
                    .findFirst().orElseThrow().getLong("CI_ID");
            AuthorizationList g = cm.updateGroups().create("CM4J eula group", "", List.of(eulaUpdate));
            long before = count(cm, "SMS_UpdateGroupAssignment");
            assertThatIllegalArgumentException().isThrownBy(() -> cm.deployments().newDeployment("eula")
                    .updateGroup(g.ciId()).collection("SMS00001").type(NewDeployment.DeploymentType.AVAILABLE).create())
                    .withMessageContaining("license terms").withMessageContaining(String.valueOf(eulaUpdate));
            assertThat(count(cm, "SMS_UpdateGroupAssignment")).isEqualTo(before);
            CiAssignment d = cm.deployments().newDeployment("eula").updateGroup(g.ciId()).collection("SMS00001")
                    .type(NewDeployment.DeploymentType.AVAILABLE).acceptEula(true).create();
            assertThat(d.enforcementDeadline()).isEmpty();
            assertThat(cm.softwareUpdates().get(eulaUpdate).eulaAccepted()).isEqualTo(io.github.cm4j.model.EulaAcceptance.ACCEPTED);
        });
    }
}
