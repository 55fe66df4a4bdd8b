package io.github.cm4j.sync;

import io.github.cm4j.ConfigMgrException;

/**
 * A manual synchronization was asked of a child site. Software updates are synchronized at the top-level
 * site of the hierarchy (where the top software update point is); child sites synchronize when their parent
 * asks them. The message names the parent to connect to.
 */
public class NotTopLevelSiteException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    private final String siteCode;
    private final String parentSiteCode;

    /**
     * @param siteCode the child site
     * @param parentSiteCode its parent
     */
    public NotTopLevelSiteException(String siteCode, String parentSiteCode) {
        super("site " + siteCode + " is a child site (its parent is " + parentSiteCode + "); software updates are"
                + " synchronized at the top-level site of the hierarchy and child sites follow their parent:"
                + " connect to the top-level site (e.g. root\\sms\\site_" + parentSiteCode
                + " if " + parentSiteCode + " has no parent) and synchronize there");
        this.siteCode = siteCode;
        this.parentSiteCode = parentSiteCode;
    }

    /** @return the child site the synchronization was asked of */
    public String siteCode() {
        return siteCode;
    }

    /** @return its parent site */
    public String parentSiteCode() {
        return parentSiteCode;
    }
}
