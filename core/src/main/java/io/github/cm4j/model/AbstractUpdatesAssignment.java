package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_UpdatesAssignment}: a software update deployment, with the 36 properties of
 * {@link CiAssignment} and its own 5. Generated as {@link UpdatesAssignment}.
 *
 * <p>Immutable and thread-safe: {@code UpdatesAssignment.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_UpdatesAssignment")
abstract class AbstractUpdatesAssignment implements CiAssignment {
    /** {@return whether state message verbosity is limited ({@code LimitStateMessageVerbosity})} */
    @WmiPropertyName("LimitStateMessageVerbosity")
    public abstract boolean limitStateMessageVerbosity();

    /** {@return whether installation start is randomized ({@code RandomizationEnabled})} */
    @WmiPropertyName("RandomizationEnabled")
    public abstract boolean randomizationEnabled();

    /** {@return the state message verbosity ({@code StateMessageVerbosity})} */
    @WmiPropertyName("StateMessageVerbosity")
    public abstract long stateMessageVerbosity();

    /** {@return whether BranchCache is used ({@code UseBranchCache})} */
    @WmiPropertyName("UseBranchCache")
    public abstract boolean useBranchCache();

    /** {@return whether the user sees the installation ({@code UserUIExperience})} */
    @WmiPropertyName("UserUIExperience")
    public abstract boolean userUiExperience();

    /** {@return one line: {@code UpdatesAssignment{assignmentId=16777220, "...", collection=SMS00001, 3 updates, enabled}}} */
    @Override
    public String toString() {
        return "UpdatesAssignment{assignmentId=" + assignmentId() + ", \"" + assignmentName() + "\", collection="
                + targetCollectionId() + ", " + assignedCis().size() + " updates, " + (isEnabled() ? "enabled" : "disabled")
                + ", start=" + startTime() + enforcementDeadline().map(d -> ", deadline=" + d).orElse("") + "}";
    }
}
