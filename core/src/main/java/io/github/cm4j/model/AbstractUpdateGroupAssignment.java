package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * A deployment of an update group ({@code SMS_UpdateGroupAssignment}): the group's updates made available or
 * required on a collection. {@link #assignedUpdateGroup()} is the {@code CI_ID} of the
 * {@link AuthorizationList}. Generated as {@link UpdateGroupAssignment}.
 *
 * <p>Immutable and thread-safe: {@code UpdateGroupAssignment.builder()} builds one, the {@code with...}
 * methods return changed copies.
 */
@Value.Immutable
@WmiClassName(value = "SMS_UpdateGroupAssignment", absentOn = "2007")
abstract class AbstractUpdateGroupAssignment implements CiAssignment {
    /** {@return the {@code CI_ID} of the deployed update group} */
    @WmiPropertyName("AssignedUpdateGroup")
    public abstract int assignedUpdateGroup();

    /** {@return whether state message verbosity is limited} */
    @WmiPropertyName("LimitStateMessageVerbosity")
    public abstract boolean limitStateMessageVerbosity();

    /** {@return whether installation is randomized} */
    @WmiPropertyName("RandomizationEnabled")
    public abstract boolean randomizationEnabled();

    /** {@return the state message verbosity} */
    @WmiPropertyName("StateMessageVerbosity")
    public abstract long stateMessageVerbosity();

    /** {@return whether clients may use BranchCache} */
    @WmiPropertyName("UseBranchCache")
    public abstract boolean useBranchCache();

    /** {@return whether the user sees notifications} */
    @WmiPropertyName("UserUIExperience")
    public abstract boolean userUiExperience();

    @Override
    public String toString() {
        return "UpdateGroupAssignment{assignmentId=" + assignmentId() + ", \"" + assignmentName() + "\", group="
                + assignedUpdateGroup() + ", collection=" + targetCollectionId() + ", " + assignedCis().size()
                + " updates, " + (isEnabled() ? "enabled" : "disabled") + ", start=" + startTime()
                + enforcementDeadline().map(d -> ", deadline=" + d).orElse("") + "}";
    }
}
