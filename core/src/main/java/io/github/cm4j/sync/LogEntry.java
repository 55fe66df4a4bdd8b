package io.github.cm4j.sync;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a ConfigMgr log: its message (with the {@code ~~} line-break escape decoded), component, time,
 * thread and, for {@code STATMSG:} lines, the decoded status message. Immutable and thread-safe.
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

    /**
     * Creates an entry; only the format and the message are required.
     *
     * @param format the line format
     * @param line the one-based line number where the entry starts
     * @param message the message text
     * @param component the logging component, or null
     * @param time the local time with its UTC offset, or null
     * @param thread the thread ID, or null
     * @param type the CMTrace type (1 information, 2 warning, 3 error), or null
     * @param file the CMTrace source file attribute, or null
     * @param statusMessage the decoded {@code STATMSG:} line, or null
     * @throws NullPointerException if {@code format} or {@code message} is null
     */
    public LogEntry {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The status message the entry logs, if it is a {@code STATMSG:} line.
     *
     * @return the decoded status message, when the entry is a {@code STATMSG:} line
     */
    public Optional<StatusMessageLine> status() {
        return Optional.ofNullable(statusMessage);
    }

    /**
     * Describes the entry on one line, the message cut to 200 characters.
     *
     * @return e.g. {@code [line 12] 11-09 11:25:14.217+06:00 SMS_WSUS_SYNC_MANAGER: message}
     */
    @Override
    public String toString() {
        String text = message.replace('\n', ' ');
        return "[line " + line + "] " + (time == null ? "" : time + " ") + (component == null ? "" : component + ": ")
                + (text.length() > 200 ? text.substring(0, 197) + "..." : text);
    }
}
