package io.github.cm4j.wmi.simulator;

/**
 * What an account of a {@link WmiServer} may do once authenticated, so that access-denied paths of WMI clients can be
 * tested. Authentication itself (NTLMv2) is the same for every level.
 */
public enum Access {
    /** Every operation: queries, reads, writes, deletes and methods. */
    FULL,
    /**
     * Queries and reads; PutInstance, DeleteInstance and ExecMethod answer {@code WBEM_E_ACCESS_DENIED}
     * (0x80041003).
     */
    READ_ONLY,
    /**
     * Authenticates (activation succeeds), but IWbemLevel1Login::NTLMLogin answers {@code WBEM_E_ACCESS_DENIED}
     * (0x80041003), as Windows does for an account without the namespace's Enable Account / Remote Enable rights.
     */
    DENIED
}
