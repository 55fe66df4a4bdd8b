package io.github.cm4j;

import java.util.Objects;

/**
 * The version of a ConfigMgr site as its {@code SMS_Site.Version} gives it, e.g. {@code 5.00.9122.1000}.
 * Operations that differ by version ask it what the provider offers: {@code SyncNow} exists from
 * ConfigMgr 2012 SP1 (build 7804), {@code ResendObjectToAllSites} only on ConfigMgr 2007 (major version 4).
 * Immutable and thread-safe.
 *
 * @param text the version string as the provider reports it
 * @param major the major version (4 = ConfigMgr 2007, 5 = ConfigMgr 2012 and current branch)
 * @param minor the minor version
 * @param build the build number (e.g. 6487 for 2007 SP2, 7804 for 2012 SP1, 9122 for 2309)
 * @param revision the revision (0 when absent)
 */
public record SiteVersion(String text, int major, int minor, int build, int revision) {
    /** First build of ConfigMgr 2012 SP1, which introduced {@code SMS_SoftwareUpdate.SyncNow}. */
    public static final int FIRST_SYNC_NOW_BUILD = 7804;
    /** First build of the current branch (1511). */
    public static final int FIRST_CURRENT_BRANCH_BUILD = 8325;
    /** ConfigMgr 2007 SP2, the version the simulator plays for {@code version=2007}. */
    public static final SiteVersion CM2007_SP2 = new SiteVersion("4.00.6487.2000", 4, 0, 6487, 2000);
    /** ConfigMgr current branch 2309, the version the simulator plays by default. */
    public static final SiteVersion CURRENT_BRANCH = new SiteVersion("5.00.9122.1000", 5, 0, 9122, 1000);

    /**
     * Reads a version as users name it on command lines and in {@code memory:} URIs.
     *
     * @param text {@code 2007}, {@code current} (also {@code cb}), or a site version such as {@code 4.00.6487.2000}
     * @return the version ({@link #CM2007_SP2} for {@code 2007}, {@link #CURRENT_BRANCH} for {@code current})
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static SiteVersion named(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("2007")) {
            return CM2007_SP2;
        }
        if (t.equals("current") || t.equals("cb") || t.equals("current-branch")) {
            return CURRENT_BRANCH;
        }
        try {
            return parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ConfigMgr version '" + text + "'; use 2007, current or a site"
                    + " version such as 5.00.9122.1000", e);
        }
    }

    /**
     * Creates a version from its parts; {@link #parse(String)} is the usual way.
     *
     * @param text the version string as the provider reports it
     * @param major the major version
     * @param minor the minor version
     * @param build the build number
     * @param revision the revision (0 when absent)
     * @throws NullPointerException if {@code text} is null
     */
    public SiteVersion {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses a version as {@code SMS_Site.Version} gives it. Surrounding blanks are ignored.
     *
     * @param text {@code major.minor.build[.revision]}, e.g. {@code 4.00.6487.2000}
     * @return the version
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException when the text is not a version
     */
    public static SiteVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("\\.");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("not a ConfigMgr site version (major.minor.build[.revision]): '" + text + "'");
        }
        int[] n = new int[4];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a ConfigMgr site version (major.minor.build[.revision]): '"
                        + text + "'", e);
            }
            if (n[i] < 0) {
                throw new IllegalArgumentException("negative part in site version '" + text + "'");
            }
        }
        return new SiteVersion(text.trim(), n[0], n[1], n[2], n[3]);
    }

    /**
     * Whether this is ConfigMgr 2007.
     *
     * @return whether the SMS Provider major version is 4
     */
    public boolean is2007() {
        return major == 4;
    }

    /**
     * Whether synchronization is started with {@code SMS_SoftwareUpdate.SyncNow}.
     *
     * @return whether {@code SyncNow} exists (ConfigMgr 2012 SP1 and later)
     */
    public boolean hasSyncNow() {
        return major > 5 || (major == 5 && build >= FIRST_SYNC_NOW_BUILD);
    }

    /**
     * Whether updates can be resent to all sites with {@code ResendObjectToAllSites}.
     *
     * @return whether the method exists (ConfigMgr 2007 only)
     */
    public boolean hasResendToAllSites() {
        return is2007();
    }

    /**
     * The product family and the version text, as messages show them.
     *
     * @return e.g. {@code ConfigMgr 2007 (4.00.6487.2000)} or {@code ConfigMgr current branch (5.00.9122.1000)}
     */
    public String displayName() {
        String family;
        if (major < 4) {
            family = "SMS " + major;
        } else if (major == 4) {
            family = "ConfigMgr 2007";
        } else if (major == 5 && build < FIRST_SYNC_NOW_BUILD) {
            family = "ConfigMgr 2012";
        } else if (major == 5 && build < FIRST_CURRENT_BRANCH_BUILD) {
            family = "ConfigMgr 2012 SP1/R2";
        } else {
            family = "ConfigMgr current branch";
        }
        return family + " (" + text + ")";
    }

    /**
     * Same as {@link #displayName()}.
     *
     * @return e.g. {@code ConfigMgr 2007 (4.00.6487.2000)}
     */
    @Override
    public String toString() {
        return displayName();
    }
}
