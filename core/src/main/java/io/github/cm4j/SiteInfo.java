package io.github.cm4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The site a connection talks to, read once per connection from {@code SMS_Site} ({@link ConfigMgr#site()}).
 * Immutable and thread-safe.
 *
 * @param siteCode the site code, e.g. {@code PS1}
 * @param siteName the site's name
 * @param serverName the site server
 * @param version the site version
 * @param parentSiteCode the parent site (empty for the top-level site of the hierarchy)
 */
public record SiteInfo(String siteCode, String siteName, String serverName, SiteVersion version,
                       Optional<String> parentSiteCode) {
    /**
     * Creates a site description.
     *
     * @param siteCode the site code, e.g. {@code PS1}
     * @param siteName the site's name
     * @param serverName the site server
     * @param version the site version
     * @param parentSiteCode the parent site (empty for the top-level site of the hierarchy)
     * @throws NullPointerException if a component is null
     */
    public SiteInfo {
        Objects.requireNonNull(siteCode, "siteCode");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(parentSiteCode, "parentSiteCode");
    }

    /**
     * Whether this site is the top of its hierarchy, where software updates are synchronized manually.
     *
     * @return whether this is the top-level site (no parent)
     */
    public boolean isTopLevel() {
        return parentSiteCode.isEmpty();
    }

    /**
     * Describes the site on one line.
     *
     * @return e.g. {@code PS1 "Primary Site 1" on ps1.lab.local, ConfigMgr current branch (5.00.9122.1000), parent CAS}
     */
    @Override
    public String toString() {
        return siteCode + " \"" + siteName + "\" on " + serverName + ", " + version
                + parentSiteCode.map(p -> ", parent " + p).orElse(", top-level");
    }
}
