package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.Severity;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.model.UpdateGroupAssignment;
import io.github.cm4j.updates.UpdateGroups;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Creates a software update group ({@code SMS_AuthorizationList}) from the updates matching criteria — here the
 * critical security updates that are neither expired nor superseded — then lists its members with an
 * {@code UpdateQuery} on the group. When a group of that name exists, the updates are added to it instead.
 *
 * <pre>
 * CreateUpdateGroup
 * CreateUpdateGroup --name "Pilot ring" --limit 10
 * </pre>
 */
public final class CreateUpdateGroup {
    private CreateUpdateGroup() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--name NAME] [--limit N]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(CreateUpdateGroup.class, args, "--name NAME", "--limit N");
        String name = a.option("--name", "Critical security updates (cm4j example)");
        long limit = a.longOption("--limit", 5);

        try (ConfigMgr cm = a.connect()) {
            List<Long> members;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder()
                    .classification("Security Updates").minSeverity(Severity.CRITICAL)
                    .expired(false).superseded(false).build())) {
                members = s.limit(limit).map(SoftwareUpdate::ciId).toList();
            }
            System.out.println("Updates to group: " + members);

            UpdateGroups groups = cm.updateGroups();
            Optional<AuthorizationList> existing = groups.findByName(name);
            AuthorizationList group = existing.isPresent()
                    ? groups.addUpdates(existing.get().ciId(), members)                  // GetObject + PutInstance
                    : groups.create(name, "Created by the cm4j CreateUpdateGroup example", members);
            // The provider gives a new group its CI_ID (the key) and fills in the counts.
            System.out.println((existing.isPresent() ? "Added to: " : "Created: ") + group);

            // Members of a group, as criteria: CI_ID IN (the group's Updates, a lazy property read first).
            System.out.println("Members:");
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().updateGroup(name).build())) {
                s.forEach(u -> System.out.println("  " + u));
            }
            try (Stream<UpdateGroupAssignment> deployments = cm.deployments().ofUpdateGroup(group.ciId())) {
                System.out.println("Deployments of the group: " + deployments.count());
            }
        }
    }
}
