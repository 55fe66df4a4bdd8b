package io.github.cm4j.sync;

import io.github.cm4j.ConfigMgrException;

/**
 * A manual synchronization was asked of a child site. Software updates are synchronized at the top-level
 * site of the hierarchy (where the top software update point is); child sites synchronize when their parent
 * asks them. The message names the parent to connect to.
 */
public class NotTopLevelSiteException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The child site the synchronization was asked of. */
    private final String siteCode;
    /** Its parent site. */
    private final String parentSiteCode;

    /**
     * Creates the exception; the message names the parent to connect to.
     *
     * @param siteCode the child site
     * @param parentSiteCode its parent
     */
    public NotTopLevelSiteException(String siteCode, String parentSiteCode) {
        this(siteCode, parentSiteCode, null);
    }

    /**
     * Creates the exception for another operation of the top-level site than a manual synchronization.
     *
     * @param siteCode the child site
     * @param parentSiteCode its parent
     * @param what what is refused, e.g. {@code "the synchronization schedule is set at the top-level site only"};
     *     null for a manual synchronization
     */
    public NotTopLevelSiteException(String siteCode, String parentSiteCode, String what) {
        super(what != null ? "site " + siteCode + " is a child site (its parent is " + parentSiteCode + "); " + what
                + ": connect to the top-level site (e.g. root\\sms\\site_" + parentSiteCode + " if " + parentSiteCode
                + " has no parent)" : "site " + siteCode + " is a child site (its parent is " + parentSiteCode + "); software updates are"
                + " synchronized at the top-level site of the hierarchy and child sites follow their parent:"
                + " connect to the top-level site (e.g. root\\sms\\site_" + parentSiteCode
                + " if " + parentSiteCode + " has no parent) and synchronize there");
        this.siteCode = siteCode;
        this.parentSiteCode = parentSiteCode;
    }

    /**
     * The child site the synchronization was asked of.
     *
     * @return the child's site code
     */
    public String siteCode() {
        return siteCode;
    }

    /**
     * The parent of the child site: the site to connect to, or the way up to the top-level site.
     *
     * @return the parent's site code
     */
    public String parentSiteCode() {
        return parentSiteCode;
    }
}
