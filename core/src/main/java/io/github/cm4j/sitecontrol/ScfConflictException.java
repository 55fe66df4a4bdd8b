package io.github.cm4j.sitecontrol;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.WmiException;
import java.util.List;

/**
 * {@link SiteControlSession#commit()} was refused because another session or a direct write changed an item
 * this session edited since it was loaded (the provider's {@code 0x8004106D}, WBEM_E_TRANSACTION_CONFLICT).
 * Nothing was applied; the session keeps its edits. {@link #conflicts()} gives, per property, the value the
 * session loaded, the one it wanted and the one now committed; {@link SiteControlSession#refresh()} and
 * redo the edits to try again. The provider's exception is the cause.
 */
public class ScfConflictException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The site whose control file was committed. */
    private final String siteCode;
    /** The conflicting properties; not serialized. */
    private final transient List<ScfConflict> conflicts;

    /**
     * Creates the exception; the message lists the conflicts and says what to do.
     *
     * @param siteCode the site whose control file was committed
     * @param conflicts the conflicting properties (may be empty when the other write changed other
     *                  properties of the same item)
     * @param cause the provider's exception
     */
    public ScfConflictException(String siteCode, List<ScfConflict> conflicts, WmiException cause) {
        super("commit of the site control file of " + siteCode + " conflicts with a change made since the session"
                + " loaded it; nothing was applied" + (conflicts.isEmpty() ? " (the other change touched other"
                + " properties of the items edited)" : ": " + conflicts) + "; refresh() and redo the edits", cause);
        this.siteCode = siteCode;
        this.conflicts = List.copyOf(conflicts);
    }

    /**
     * The site whose control file the refused commit was for.
     *
     * @return the site code
     */
    public String siteCode() {
        return siteCode;
    }

    /**
     * Per property: the value the session loaded, the one it wanted and the one now committed.
     *
     * @return the conflicting properties (unmodifiable; null after deserialization, as they are not
     *         serialized)
     */
    public List<ScfConflict> conflicts() {
        return conflicts;
    }
}
