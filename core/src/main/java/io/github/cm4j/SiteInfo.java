package io.github.cm4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The site a connection talks to, read once per connection from {@code SMS_Site} ({@link ConfigMgr#site()}).
 *
 * @param siteCode the site code, e.g. {@code PS1}
 * @param siteName the site's name
 * @param serverName the site server
 * @param version the site version
 * @param parentSiteCode the parent site (empty for the top-level site of the hierarchy)
 */
public record SiteInfo(String siteCode, String siteName, String serverName, SiteVersion version,
                       Optional<String> parentSiteCode) {
    /** Checks the arguments. */
    public SiteInfo {
        Objects.requireNonNull(siteCode, "siteCode");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(parentSiteCode, "parentSiteCode");
    }

    /** @return whether this is the top-level site (no parent): where software updates are synchronized */
    public boolean isTopLevel() {
        return parentSiteCode.isEmpty();
    }

    /** @return {@code PS1 "Primary Site 1" on ps1.lab.local, ConfigMgr current branch (5.00.9122.1000), parent CAS} */
    @Override
    public String toString() {
        return siteCode + " \"" + siteName + "\" on " + serverName + ", " + version
                + parentSiteCode.map(p -> ", parent " + p).orElse(", top-level");
    }
}
