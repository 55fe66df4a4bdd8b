package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.model.UpdateGroupAssignment;
import io.github.cm4j.updates.UpdateGroups;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UpdateGroupsTest {
    private final Hierarchies h = Hierarchies.currentBranch();

    private static List<Long> someUpdates(ConfigMgr cm, int n) {
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().expired(false).build())) {
            return s.limit(n).map(SoftwareUpdate::ciId).toList();
        }
    }

    @Test
    void aCreatedGroupGetsAKeyFromTheProviderAndHoldsItsUpdates() {
        try (ConfigMgr cm = h.connect()) {
            List<Long> ids = someUpdates(cm, 3);
            AuthorizationList g = cm.updateGroups().create("Pilot 2024-06", "first ring", ids);
            assertThat(g.ciId()).isPositive();
            assertThat(g.localizedDisplayName()).isEqualTo("Pilot 2024-06");
            assertThat(g.updates().get()).containsExactlyElementsOf(ids);
            assertThat(cm.updateGroups().findByName("pilot 2024-06")).map(AuthorizationList::ciId).contains(g.ciId());
            try (Stream<AuthorizationList> all = cm.updateGroups().list()) {
                assertThat(all.map(AuthorizationList::ciId)).contains(g.ciId());
            }
            try (Stream<SoftwareUpdate> members = cm.softwareUpdates().find(UpdateQuery.builder()
                    .updateGroup("Pilot 2024-06").build())) {
                assertThat(members.map(SoftwareUpdate::ciId)).containsExactlyInAnyOrderElementsOf(ids);
            }
        }
    }

    @Test
    void addingAndRemovingUpdatesKeepsTheRestOfTheGroup() {
        try (ConfigMgr cm = h.connect()) {
            List<Long> ids = someUpdates(cm, 4);
            UpdateGroups groups = cm.updateGroups();
            AuthorizationList g = groups.create("Ring 1", "", ids.subList(0, 2));
            groups.addUpdates(g.ciId(), List.of(ids.get(2), ids.get(3), ids.get(0)));
            assertThat(groups.get(g.ciId()).updates().get()).containsExactlyElementsOf(ids);
            groups.removeUpdates(g.ciId(), List.of(ids.get(1), 16_999_999L));
            AuthorizationList after = groups.get(g.ciId());
            assertThat(after.updates().get()).containsExactly(ids.get(0), ids.get(2), ids.get(3));
            assertThat(after.localizedInformation().get()).isNotEmpty(); // lazy properties survived the write
            groups.delete(g.ciId());
            assertThat(groups.findByName("Ring 1")).isEmpty();
            assertThatThrownBy(() -> groups.get(g.ciId())).isInstanceOf(WmiException.class)
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_NOT_FOUND)).isTrue());
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        try (ConfigMgr cm = h.connect()) {
            assertThatThrownBy(() -> cm.updateGroups().create(" ", "", List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cm.updateGroups().addUpdates(1, List.of(-5L))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CI_ID");
            assertThatThrownBy(() -> cm.softwareUpdates().find(UpdateQuery.builder().updateGroup("no such group").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such group");
        }
    }

    @Test
    void deploymentsOfAGroupReferToIt() {
        try (ConfigMgr cm = h.connect()) {
            List<UpdateGroupAssignment> all;
            try (Stream<UpdateGroupAssignment> s = cm.deployments().list()) {
                all = s.toList();
            }
            assertThat(all).isNotEmpty();
            UpdateGroupAssignment d = all.get(0);
            try (Stream<UpdateGroupAssignment> s = cm.deployments().ofUpdateGroup(d.assignedUpdateGroup())) {
                assertThat(s.toList()).extracting(UpdateGroupAssignment::assignmentId).contains(d.assignmentId());
            }
            AuthorizationList group = cm.updateGroups().get(d.assignedUpdateGroup());
            assertThat(group.isDeployed()).isTrue();
        }
    }
}
