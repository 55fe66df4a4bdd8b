package io.github.cm4j;

/**
 * The operation does not exist on the site's ConfigMgr version (for example {@code ResendObjectToAllSites}
 * on current branch, or {@code SyncNow} on ConfigMgr 2007). The message names the operation, the version
 * and what to do instead.
 */
public class UnsupportedOnVersionException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The operation refused. */
    private final String operation;
    /** The site's version; not serialized. */
    private final transient SiteVersion version;

    /**
     * Creates the exception; the message is {@code "<operation> is not supported on <version>; <advice>"}.
     *
     * @param operation the operation, e.g. {@code resendToAllSites}
     * @param version the site's version
     * @param advice what to do instead (a sentence), or empty
     */
    public UnsupportedOnVersionException(String operation, SiteVersion version, String advice) {
        super(operation + " is not supported on " + version.displayName() + (advice.isEmpty() ? "" : "; " + advice));
        this.operation = operation;
        this.version = version;
    }

    /**
     * The operation refused.
     *
     * @return e.g. {@code resendToAllSites}
     */
    public String operation() {
        return operation;
    }

    /**
     * The version of the site that refused.
     *
     * @return the site's version; null after deserialization (it is not serialized)
     */
    public SiteVersion version() {
        return version;
    }
}
