package io.github.cm4j.sync;

import java.time.Instant;
import java.util.List;

/**
 * A {@code STATMSG:} line as ConfigMgr components log the status messages they raise, e.g.
 * {@code STATMSG: ID=6703 SEV=E LEV=M SOURCE="SMS Server" COMP="SMS_WSUS_SYNC_MANAGER" SYS=cm1 SITE=CHQ
 * PID=2836 TID=9640 GMTDATE=Fri Aug 02 20:54:26.571 2024 ISTR0="..." ... NUMATTRS=0 LE=0X8013150a}.
 * Immutable and thread-safe.
 *
 * @param id the message ID (e.g. 6702 sync done)
 * @param severity {@code I} information, {@code W} warning, {@code E} error
 * @param level {@code M} milestone, {@code D} detail, ...
 * @param source e.g. {@code SMS Server}
 * @param component e.g. {@code SMS_WSUS_SYNC_MANAGER}
 * @param system the reporting server
 * @param site the site code
 * @param processId PID, or null when absent
 * @param threadId TID, or null when absent
 * @param gmtDate the UTC time, or null when absent or malformed
 * @param insertionStrings ISTR0..ISTR9 in order (empty strings kept)
 * @param attributeCount NUMATTRS, or null when absent
 * @param lastError the {@code LE=} HRESULT (e.g. 0x8013150a), or null when absent
 */
public record StatusMessageLine(int id, String severity, String level, String source, String component, String system,
                                String site, Long processId, Long threadId, Instant gmtDate,
                                List<String> insertionStrings, Integer attributeCount, Long lastError) {

    /**
     * Creates a status message line; the insertion strings are copied.
     *
     * @param id the message ID
     * @param severity {@code I}, {@code W} or {@code E}
     * @param level {@code M} milestone, {@code D} detail, ...
     * @param source the source, e.g. {@code SMS Server}
     * @param component the component
     * @param system the reporting server
     * @param site the site code
     * @param processId PID, or null when absent
     * @param threadId TID, or null when absent
     * @param gmtDate the UTC time, or null when absent or malformed
     * @param insertionStrings ISTR0..ISTR9 in order
     * @param attributeCount NUMATTRS, or null when absent
     * @param lastError the {@code LE=} HRESULT, or null when absent
     * @throws NullPointerException if {@code insertionStrings} or one of them is null
     */
    public StatusMessageLine {
        insertionStrings = List.copyOf(insertionStrings);
    }

    /**
     * Whether the component reported an error.
     *
     * @return whether the severity is {@code E}
     */
    public boolean isError() {
        return "E".equals(severity);
    }
}
