package io.github.cm4j.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code SMS_StatusMessage}: a status message of a ConfigMgr component, with its insertion strings.
 * Generated as {@link StatusMessage}.
 *
 * <p>The insertion strings are not a property of {@code SMS_StatusMessage}: the provider keeps them in
 * {@code SMS_StatMsgInsStrings} (one instance per string, by {@code RecordID}). They are not bound; the
 * operations that read messages fill {@link #insertionStrings()}.
 *
 * <p>Immutable and thread-safe: {@code StatusMessage.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_StatusMessage")
abstract class AbstractStatusMessage implements WmiModel {
    /** {@return the component that raised the message, e.g. {@code SMS_WSUS_SYNC_MANAGER} ({@code Component})} */
    @WmiPropertyName("Component")
    public abstract String component();

    /** {@return the computer that raised the message ({@code MachineName})} */
    @WmiPropertyName("MachineName")
    public abstract String machineName();

    /** {@return the message ID in the message DLL, 0..65535 ({@code MessageID})} */
    @WmiPropertyName("MessageID")
    public abstract int messageId();

    /** {@return the message type ({@code MessageType})} */
    @WmiPropertyName("MessageType")
    public abstract MessageType messageType();

    /** {@return the display name of the message DLL module ({@code ModuleName})} */
    @WmiPropertyName("ModuleName")
    public abstract String moduleName();

    /** {@return 2 when a client raised the message, 0 otherwise ({@code PerClient})} */
    @WmiPropertyName("PerClient")
    public abstract long perClient();

    /** {@return the process ID ({@code ProcessID})} */
    @WmiPropertyName("ProcessID")
    public abstract long processId();

    /** {@return the record ID, the key ({@code RecordID})} */
    @WmiPropertyName(value = "RecordID", key = true)
    public abstract long recordId();

    /** {@return the report function code: 0 report, 16 begin transaction, ... ({@code ReportFunction})} */
    @WmiPropertyName("ReportFunction")
    public abstract long reportFunction();

    /** {@return the severity ({@code Severity})} */
    @WmiPropertyName("Severity")
    public abstract MessageSeverity severity();

    /** {@return the site that raised the message ({@code SiteCode})} */
    @WmiPropertyName("SiteCode")
    public abstract String siteCode();

    /** {@return 8 for a successful transaction, 0 for a failed one ({@code SuccessfulTransaction})} */
    @WmiPropertyName("SuccessfulTransaction")
    public abstract long successfulTransaction();

    /** {@return the thread ID ({@code ThreadID})} */
    @WmiPropertyName("ThreadID")
    public abstract long threadId();

    /** {@return when the message was raised, UTC ({@code Time})} */
    @WmiPropertyName("Time")
    public abstract Optional<Instant> time();

    /** {@return the top-level site code; deprecated ({@code TopLevelSiteCode})} */
    @WmiPropertyName("TopLevelSiteCode")
    public abstract String topLevelSiteCode();

    /** {@return 4 when transactions are enabled, 0 otherwise ({@code Transaction})} */
    @WmiPropertyName("Transaction")
    public abstract long transaction();

    /** {@return the Win32 error code ({@code Win32Error})} */
    @WmiPropertyName("Win32Error")
    public abstract long win32Error();

    /** {@return the insertion strings ({@code %1}, {@code %2} ...), from {@code SMS_StatMsgInsStrings}; not bound} */
    public abstract List<String> insertionStrings();

    /**
     * {@return the message text where cm4j knows it (the {@code SMS_WSUS_SYNC_MANAGER} messages of
     * {@link SyncState}), with the insertion strings put in place of {@code %1}, {@code %2} ...}
     */
    public Optional<String> text() {
        if (!"SMS_WSUS_SYNC_MANAGER".equalsIgnoreCase(component())) {
            return Optional.empty();
        }
        return SyncState.fromCode(messageId()).map(s -> insert(s.text(), insertionStrings()));
    }

    static String insert(String text, List<String> strings) {
        String result = text;
        for (int i = strings.size(); i >= 1; i--) {
            result = result.replace("%" + i, strings.get(i - 1));
        }
        return result;
    }

    /** {@return one line: {@code StatusMessage{recordId=..., 6702 SMS_WSUS_SYNC_MANAGER on SERVER (PS1), INFORMATIONAL, time}}} */
    @Override
    public String toString() {
        return "StatusMessage{recordId=" + recordId() + ", " + messageId() + " " + component() + " on " + machineName()
                + " (" + siteCode() + "), " + severity() + ", " + messageType() + time().map(t -> ", " + t).orElse("")
                + text().map(t -> ", \"" + t + "\"").orElse(insertionStrings().isEmpty() ? "" : ", " + insertionStrings())
                + "}";
    }
}
