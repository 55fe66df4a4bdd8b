package io.github.cm4j.sync;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The synchronization of a whole hierarchy as {@link SyncJob#awaitHierarchy} saw it: one result per site with a
 * software update point, the top site first. Immutable and thread-safe.
 *
 * @param sites the result of each site, top site first
 */
public record HierarchySyncResult(List<SyncResult> sites) {
    /**
     * Copies the list.
     *
     * @param sites the result of each site
     */
    public HierarchySyncResult {
        sites = List.copyOf(sites);
    }

    /** @return whether every site completed (6702 or 6708) with the top site's catalog */
    public boolean isSuccess() {
        return !sites.isEmpty() && sites.stream().allMatch(SyncResult::isSuccess);
    }

    /**
     * The result of one site.
     *
     * @param siteCode a site code
     * @return its result, if it has a software update point
     */
    public Optional<SyncResult> site(String siteCode) {
        return sites.stream().filter(r -> r.siteCode().equalsIgnoreCase(siteCode)).findFirst();
    }

    /**
     * One line per site.
     *
     * @return e.g. {@code CAS SUCCEEDED; PS1 SUCCEEDED (1 failed attempt, then succeeded); PS2 SUCCEEDED}
     */
    @Override
    public String toString() {
        return sites.stream().map(r -> r.siteCode() + " " + r.outcome() + (r.notes().isEmpty() ? ""
                : " (" + String.join("; ", r.notes()) + ")")).collect(Collectors.joining("; "));
    }
}
