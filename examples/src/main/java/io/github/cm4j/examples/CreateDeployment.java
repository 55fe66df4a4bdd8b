package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.CiAssignment;
import io.github.cm4j.updates.NewDeployment;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * Creates a software update deployment as {@code New-CMSoftwareUpdateDeployment} does: on current branch an update
 * group deployment ({@code SMS_UpdateGroupAssignment}), on ConfigMgr 2007 an {@code SMS_UpdatesAssignment} of an
 * update list with a deployment template ({@code SMS_Template}). The provider assigns the key; the deployment is
 * read back typed.
 *
 * <pre>
 * CreateDeployment
 * CreateDeployment --uri memory:demo?version=2007 --collection SMS00001
 * </pre>
 */
public final class CreateDeployment {
    private CreateDeployment() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--collection ID] [--days N]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(CreateDeployment.class, args, "--collection ID", "--days N");
        String collection = a.option("--collection", "SMS00001");
        long days = a.longOption("--days", 7);
        try (ConfigMgr cm = a.connect()) {
            long groupId;
            try (Stream<AuthorizationList> s = cm.updateGroups().list()) {
                groupId = s.findFirst().orElseThrow(() -> a.usageError("the site has no update group or list")).ciId();
            }
            LocalDateTime available = LocalDateTime.now().truncatedTo(ChronoUnit.HOURS).plusHours(1);
            NewDeployment d = cm.deployments().newDeployment("cm4j example deployment").collection(collection)
                    .available(available).deadline(available.plusDays(days))
                    .userNotification(NewDeployment.UserNotification.DISPLAY_SOFTWARE_CENTER_ONLY)
                    .suppressRestart(false, true).acceptEula(true);
            boolean v2007 = cm.site().version().is2007();
            if (v2007) {
                d.updateList(groupId).template("cm4j example template");
            } else {
                d.updateGroup(groupId);
            }
            CiAssignment created = d.create();
            System.out.println("Created on " + cm.site().version() + ": " + created);
            System.out.println("  AssignmentID " + created.assignmentId() + " (assigned by the provider), "
                    + created.assignedCis().size() + " updates, class " + created.sourceObject().orElseThrow().className());
            if (v2007) {
                try (var templates = cm.deployments().templates()) {
                    templates.forEach(t -> System.out.println("  template: " + t));
                }
            }
        }
    }
}
