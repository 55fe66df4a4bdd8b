package io.github.cm4j.simulator;

import java.util.Set;

/**
 * What a call sees: the site whose namespace it was sent to, the site codes whose site-scoped data that
 * namespace shows (the site and the sites below it), and the site control file session of the call's
 * {@code SessionHandle} context value, if any.
 *
 * @param site the namespace's site
 * @param visibleSites upper-case codes of the site and its descendants
 * @param session the site control file session, or null
 */
record Ctx(SimulatedSite site, Set<String> visibleSites, ScfSessions.Session session) {

    boolean sees(String siteCode) {
        return siteCode != null && visibleSites.contains(siteCode.toUpperCase(java.util.Locale.ROOT));
    }
}
