package io.github.cm4j.sync;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a ConfigMgr log: its message (with the {@code ~~} line-break escape decoded), component, time,
 * thread and, for {@code STATMSG:} lines, the decoded status message.
 *
 * @param format the line format
 * @param line the one-based line number where the entry starts
 * @param message the message text; {@code ~~} decoded to a line break
 * @param component the logging component, or null (PLAIN lines)
 * @param time the local time with its UTC offset (ConfigMgr writes a bias: offset = -bias minutes), or null
 * @param thread the thread ID, or null
 * @param type the CMTrace type (1 information, 2 warning, 3 error), or null
 * @param file the CMTrace source file attribute, or null
 * @param statusMessage the decoded {@code STATMSG:} line, or null
 */
public record LogEntry(LogFormat format, int line, String message, String component, OffsetDateTime time, Long thread,
                       Integer type, String file, StatusMessageLine statusMessage) {

    /** Validates the components. */
    public LogEntry {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(message, "message");
    }

    /** @return the decoded status message, when the entry is a {@code STATMSG:} line */
    public Optional<StatusMessageLine> status() {
        return Optional.ofNullable(statusMessage);
    }

    /** @return {@code [line 12] 11-09 11:25:14.217+06:00 SMS_WSUS_SYNC_MANAGER: message} on one line */
    @Override
    public String toString() {
        String text = message.replace('\n', ' ');
        return "[line " + line + "] " + (time == null ? "" : time + " ") + (component == null ? "" : component + ": ")
                + (text.length() > 200 ? text.substring(0, 197) + "..." : text);
    }
}
