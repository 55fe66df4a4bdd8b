package io.github.cm4j.simulator;

import java.util.Locale;

/**
 * The SMS Provider generation the simulator plays. The provider differs by version: {@code SyncNow} exists
 * on System Center 2012 Configuration Manager SP1 and later (here: current branch), {@code
 * ResendObjectToAllSites} on Configuration Manager 2007 only. A method of the other version fails with
 * {@code WBEM_E_METHOD_NOT_IMPLEMENTED}.
 */
public enum ProviderVersion {
    /** Configuration Manager 2007 SP2 (site version 4.00.6487.2000). */
    CM2007("4.00.6487.2000", 6487, "Configuration Manager 2007 SP2"),
    /** Configuration Manager current branch (site version 5.00.9122.1000, release 2309). */
    CURRENT_BRANCH("5.00.9122.1000", 9122, "Configuration Manager current branch 2309");

    private final String siteVersion;
    private final int buildNumber;
    private final String displayName;

    ProviderVersion(String siteVersion, int buildNumber, String displayName) {
        this.siteVersion = siteVersion;
        this.buildNumber = buildNumber;
        this.displayName = displayName;
    }

    /** @return the site version as {@code SMS_Site.Version} shows it, e.g. {@code 5.00.9122.1000} */
    public String siteVersion() {
        return siteVersion;
    }

    /** @return the build number ({@code SMS_Site.BuildNumber}), e.g. 9122 */
    public int buildNumber() {
        return buildNumber;
    }

    /** @return a human name, e.g. {@code Configuration Manager 2007 SP2} */
    public String displayName() {
        return displayName;
    }

    /** @return whether {@code SMS_SoftwareUpdate.SyncNow} exists (2012 SP1 and later) */
    public boolean hasSyncNow() {
        return this != CM2007;
    }

    /** @return whether {@code SMS_SoftwareUpdate.ResendObjectToAllSites} exists (2007 only) */
    public boolean hasResendObjectToAllSites() {
        return this == CM2007;
    }

    /**
     * Reads the {@code version} parameter of a {@code memory:} URI.
     *
     * @param text {@code 2007}, {@code current} (also {@code cb}, {@code 2012}, a release such as {@code 2309}, or a site
     *     version such as {@code 5.00.9122.1000} or {@code 4.00.6487.2000})
     * @return the version
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static ProviderVersion parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("2007") || t.startsWith("4.")) {
            return CM2007;
        }
        if (t.equals("current") || t.equals("cb") || t.equals("current-branch") || t.startsWith("5.")
                || t.equals("2012") || t.matches("(1[5-9]|2\\d)(0[1-9]|1[0-2])")) {
            return CURRENT_BRANCH;
        }
        throw new IllegalArgumentException("unknown ConfigMgr version '" + text + "'; use 2007 or current");
    }
}
