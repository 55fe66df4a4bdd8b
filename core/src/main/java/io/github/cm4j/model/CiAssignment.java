package io.github.cm4j.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The properties every configuration item deployment has ({@code SMS_CIAssignmentBaseClass}), shared by
 * {@link UpdatesAssignment} (and later models of the other assignment classes).
 *
 * <p>Implemented by immutable models; thread-safe.
 */
public interface CiAssignment extends WmiModel {
    /** {@return whether the deployment applies to subcollections ({@code ApplyToSubTargets})} */
    @WmiPropertyName("ApplyToSubTargets")
    boolean applyToSubTargets();

    /** {@return the CI_IDs deployed ({@code AssignedCIs})} */
    @WmiPropertyName("AssignedCIs")
    List<Integer> assignedCis();

    /** {@return the action code: detect or apply ({@code AssignmentAction})} */
    @WmiPropertyName("AssignmentAction")
    int assignmentAction();

    /** {@return the description ({@code AssignmentDescription})} */
    @WmiPropertyName("AssignmentDescription")
    String assignmentDescription();

    /** {@return the deployment ID, the key ({@code AssignmentID})} */
    @WmiPropertyName(value = "AssignmentID", key = true)
    int assignmentId();

    /** {@return the name ({@code AssignmentName})} */
    @WmiPropertyName("AssignmentName")
    String assignmentName();

    /** {@return the assignment type code ({@code AssignmentType})} */
    @WmiPropertyName("AssignmentType")
    int assignmentType();

    /** {@return the unique ID ({@code AssignmentUniqueID})} */
    @WmiPropertyName("AssignmentUniqueID")
    String assignmentUniqueId();

    /** {@return whether expired updates are deployed ({@code ContainsExpiredUpdates})} */
    @WmiPropertyName("ContainsExpiredUpdates")
    boolean containsExpiredUpdates();

    /** {@return when the deployment was created ({@code CreationTime})} */
    @WmiPropertyName("CreationTime")
    Instant creationTime();

    /** {@return the desired configuration type code ({@code DesiredConfigType})} */
    @WmiPropertyName("DesiredConfigType")
    int desiredConfigType();

    /** {@return whether Operations Manager alerts are disabled during installation ({@code DisableMomAlerts})} */
    @WmiPropertyName("DisableMomAlerts")
    boolean disableMomAlerts();

    /** {@return the distribution point locality flags ({@code DPLocality})} */
    @WmiPropertyName("DPLocality")
    long dpLocality();

    /** {@return whether the deployment is enabled ({@code Enabled})} */
    @WmiPropertyName("Enabled")
    boolean isEnabled();

    /** {@return the installation deadline ({@code EnforcementDeadline})} */
    @WmiPropertyName("EnforcementDeadline")
    Optional<Instant> enforcementDeadline();

    /** {@return the evaluation schedule token ({@code EvaluationSchedule})} */
    @WmiPropertyName("EvaluationSchedule")
    String evaluationSchedule();

    /** {@return when the deployment expires ({@code ExpirationTime})} */
    @WmiPropertyName("ExpirationTime")
    Optional<Instant> expirationTime();

    /** {@return when the deployment was last changed ({@code LastModificationTime})} */
    @WmiPropertyName("LastModificationTime")
    Instant lastModificationTime();

    /** {@return who last changed the deployment ({@code LastModifiedBy})} */
    @WmiPropertyName("LastModifiedBy")
    String lastModifiedBy();

    /** {@return the locale ID ({@code LocaleID})} */
    @WmiPropertyName("LocaleID")
    long localeId();

    /** {@return whether compliance is logged to the Windows event log ({@code LogComplianceToWinEvent})} */
    @WmiPropertyName("LogComplianceToWinEvent")
    boolean logComplianceToWinEvent();

    /** {@return the non-compliance criticality code ({@code NonComplianceCriticality})} */
    @WmiPropertyName("NonComplianceCriticality")
    int nonComplianceCriticality();

    /** {@return whether users are notified ({@code NotifyUser})} */
    @WmiPropertyName("NotifyUser")
    boolean notifyUser();

    /** {@return whether installation may happen outside maintenance windows ({@code OverrideServiceWindows})} */
    @WmiPropertyName("OverrideServiceWindows")
    boolean overrideServiceWindows();

    /** {@return whether changes persist on write-filtered devices ({@code PersistOnWriteFilterDevices})} */
    @WmiPropertyName("PersistOnWriteFilterDevices")
    boolean persistOnWriteFilterDevices();

    /** {@return whether failures raise Operations Manager alerts ({@code RaiseMomAlertsOnFailure})} */
    @WmiPropertyName("RaiseMomAlertsOnFailure")
    boolean raiseMomAlertsOnFailure();

    /** {@return whether restarts may happen outside maintenance windows ({@code RebootOutsideOfServiceWindows})} */
    @WmiPropertyName("RebootOutsideOfServiceWindows")
    boolean rebootOutsideOfServiceWindows();

    /** {@return whether detailed non-compliance status is sent ({@code SendDetailedNonComplianceStatus})} */
    @WmiPropertyName("SendDetailedNonComplianceStatus")
    boolean sendDetailedNonComplianceStatus();

    /** {@return whether the deadline is soft ({@code SoftDeadlineEnabled})} */
    @WmiPropertyName("SoftDeadlineEnabled")
    boolean softDeadlineEnabled();

    /** {@return the site that owns the deployment ({@code SourceSite})} */
    @WmiPropertyName("SourceSite")
    String sourceSite();

    /** {@return when the deployment becomes available ({@code StartTime})} */
    @WmiPropertyName("StartTime")
    Instant startTime();

    /** {@return the state message priority ({@code StateMessagePriority})} */
    @WmiPropertyName("StateMessagePriority")
    long stateMessagePriority();

    /** {@return the restart suppression flags ({@code SuppressReboot})} */
    @WmiPropertyName("SuppressReboot")
    long suppressReboot();

    /** {@return the target collection ID ({@code TargetCollectionID})} */
    @WmiPropertyName("TargetCollectionID")
    String targetCollectionId();

    /** {@return whether times are UTC rather than client local time ({@code UseGMTTimes})} */
    @WmiPropertyName("UseGMTTimes")
    boolean useGmtTimes();

    /** {@return whether Wake on LAN is used ({@code WoLEnabled})} */
    @WmiPropertyName("WoLEnabled")
    boolean wolEnabled();
}
