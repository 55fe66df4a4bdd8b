package io.github.cm4j.updates;

import io.github.cm4j.model.CiAssignment;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A software update deployment to create, with the options of PowerShell's {@code New-CMSoftwareUpdateDeployment}:
 * what to deploy (an update group on current branch; an update list or updates on ConfigMgr 2007), the target
 * collection, available and deadline times (UTC or client local), user notification, restart suppression,
 * license terms and deployment type; on 2007 an optional deployment template. From
 * {@link Deployments#newDeployment(String)}. Bad input (no updates, an unknown collection, a deadline before the
 * available time, ...) is refused before anything is written. Not thread-safe (a builder).
 */
public final class NewDeployment {
    /** Required deployments install by their deadline; available ones wait for the user. */
    public enum DeploymentType {
        /** Installed by the deadline (which is then required). */
        REQUIRED,
        /** Offered in Software Center; no deadline. */
        AVAILABLE
    }

    /** What users see ({@code NotifyUser}, {@code UserUIExperience}). */
    public enum UserNotification {
        /** Notifications and Software Center ({@code NotifyUser} and {@code UserUIExperience} true). */
        DISPLAY_ALL,
        /** Software Center only, no notifications ({@code NotifyUser} false, {@code UserUIExperience} true). */
        DISPLAY_SOFTWARE_CENTER_ONLY,
        /** Nothing ({@code NotifyUser} and {@code UserUIExperience} false). */
        HIDE_ALL
    }

    /** How clients read the times ({@code UseGMTTimes}). */
    public enum TimeBase {
        /** The times are UTC: every client acts at the same instant. */
        UTC,
        /** The times are the client's local time. */
        CLIENT_LOCAL
    }

    private final Deployments deployments;
    final String name;
    String description;
    Long groupCiId;
    Long listCiId;
    final List<Long> updateCiIds = new ArrayList<>();
    String collectionId;
    LocalDateTime available;
    LocalDateTime deadline;
    TimeBase timeBase = TimeBase.CLIENT_LOCAL;
    UserNotification notification = UserNotification.DISPLAY_SOFTWARE_CENTER_ONLY;
    boolean suppressWorkstations;
    boolean suppressServers;
    boolean acceptEula;
    DeploymentType type = DeploymentType.REQUIRED;
    String templateName;

    NewDeployment(Deployments deployments, String name) {
        this.deployments = deployments;
        this.name = Objects.requireNonNull(name, "name").strip();
    }

    /**
     * @param text the description ({@code AssignmentDescription})
     * @return this builder
     */
    public NewDeployment description(String text) {
        this.description = text;
        return this;
    }

    /**
     * Deploys an update group (current branch; {@code AssignedUpdateGroup} and its updates as {@code AssignedCIs}).
     *
     * @param ciId the group's {@code CI_ID}
     * @return this builder
     */
    public NewDeployment updateGroup(long ciId) {
        UpdateGroups.path(ciId);
        this.groupCiId = ciId;
        return this;
    }

    /**
     * Deploys the updates of an update list (ConfigMgr 2007: {@code SMS_AuthorizationList.Updates} become the
     * deployment's {@code AssignedCIs}).
     *
     * @param ciId the list's {@code CI_ID}
     * @return this builder
     */
    public NewDeployment updateList(long ciId) {
        UpdateGroups.path(ciId);
        this.listCiId = ciId;
        return this;
    }

    /**
     * Deploys these updates (ConfigMgr 2007), in addition to an update list's.
     *
     * @param ciIds the updates' {@code CI_ID}s
     * @return this builder
     */
    public NewDeployment updates(Collection<Long> ciIds) {
        updateCiIds.addAll(Deployments.checkedIds(ciIds));
        return this;
    }

    /**
     * @param id the target collection ({@code TargetCollectionID}), e.g. {@code SMS00001}
     * @return this builder
     */
    public NewDeployment collection(String id) {
        this.collectionId = Deployments.checkCollection(id);
        return this;
    }

    /**
     * @param time when the updates become available ({@code StartTime}); default: now (the client's clock, UTC)
     * @return this builder
     */
    public NewDeployment available(LocalDateTime time) {
        this.available = Objects.requireNonNull(time, "available");
        return this;
    }

    /**
     * @param time the installation deadline ({@code EnforcementDeadline}); required deployments need one
     * @return this builder
     */
    public NewDeployment deadline(LocalDateTime time) {
        this.deadline = Objects.requireNonNull(time, "deadline");
        return this;
    }

    /**
     * @param base UTC or client local ({@code UseGMTTimes}); default client local, as the console
     * @return this builder
     */
    public NewDeployment timeBase(TimeBase base) {
        this.timeBase = Objects.requireNonNull(base, "timeBase");
        return this;
    }

    /**
     * @param value what users see; default {@link UserNotification#DISPLAY_SOFTWARE_CENTER_ONLY}
     * @return this builder
     */
    public NewDeployment userNotification(UserNotification value) {
        this.notification = Objects.requireNonNull(value, "userNotification");
        return this;
    }

    /**
     * @param workstations suppress the restart of workstations ({@code SuppressReboot} bit 0)
     * @param servers suppress the restart of servers ({@code SuppressReboot} bit 1)
     * @return this builder
     */
    public NewDeployment suppressRestart(boolean workstations, boolean servers) {
        this.suppressWorkstations = workstations;
        this.suppressServers = servers;
        return this;
    }

    /**
     * @param accept accept the license terms of updates that have unaccepted ones (AcceptEULA) before creating;
     *               without it such updates make the creation fail before anything is written
     * @return this builder
     */
    public NewDeployment acceptEula(boolean accept) {
        this.acceptEula = accept;
        return this;
    }

    /**
     * @param value required (default) or available
     * @return this builder
     */
    public NewDeployment type(DeploymentType value) {
        this.type = Objects.requireNonNull(value, "type");
        return this;
    }

    /**
     * Saves the deployment's settings as a ConfigMgr 2007 deployment template of this name ({@code SMS_Template});
     * an existing template of the name is kept as it is.
     *
     * @param templateName the template's unique name
     * @return this builder
     */
    public NewDeployment template(String templateName) {
        this.templateName = Objects.requireNonNull(templateName, "template").strip();
        return this;
    }

    void validate() {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the deployment needs a name");
        }
        if (collectionId == null) {
            throw new IllegalArgumentException("the deployment needs a target collection: call collection(id)");
        }
        if (groupCiId == null && listCiId == null && updateCiIds.isEmpty()) {
            throw new IllegalArgumentException("the deployment has no updates: give updateGroup, updateList or updates");
        }
        if (groupCiId != null && (listCiId != null || !updateCiIds.isEmpty())) {
            throw new IllegalArgumentException("an update group deployment deploys the group only; drop updateList/updates");
        }
        if (available == null) {
            available = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        }
        if (type == DeploymentType.REQUIRED && deadline == null) {
            throw new IllegalArgumentException("a required deployment needs a deadline: call deadline(time) or"
                    + " type(DeploymentType.AVAILABLE)");
        }
        if (type == DeploymentType.AVAILABLE && deadline != null) {
            throw new IllegalArgumentException("an available deployment has no deadline; drop deadline(...) or make it required");
        }
        if (deadline != null && !deadline.isAfter(available)) {
            throw new IllegalArgumentException("the deadline " + deadline + " is not after the available time " + available);
        }
        if (templateName != null && templateName.isEmpty()) {
            throw new IllegalArgumentException("the template name is empty");
        }
    }

    /**
     * Creates the deployment: checks the input, the collection and the updates, accepts license terms if asked,
     * on 2007 sets {@code IsBundle} on the listed updates and writes the template, then puts the deployment. The
     * provider assigns its {@code AssignmentID}; the deployment is read back.
     *
     * @return the deployment as stored: an {@code UpdateGroupAssignment} on current branch, an
     *         {@code UpdatesAssignment} on ConfigMgr 2007
     * @throws IllegalArgumentException for bad input (nothing is written)
     * @throws io.github.cm4j.UnsupportedOnVersionException for an option of the other version
     */
    public CiAssignment create() {
        return deployments.create(this);
    }

    /** {@return the options, one line} */
    @Override
    public String toString() {
        return "NewDeployment{\"" + name + "\", group=" + groupCiId + ", list=" + listCiId + ", updates=" + updateCiIds
                + ", collection=" + collectionId + ", " + type + ", available=" + available + ", deadline=" + deadline
                + ", " + timeBase + ", " + notification + "}";
    }
}
