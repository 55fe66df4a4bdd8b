package io.github.cm4j.sitecontrol;

import java.util.Objects;
import java.util.Optional;

/**
 * One change a {@link SiteControlSession#commit()} will make (or made): an embedded property, property list
 * or plain property of a site control item, before and after. Immutable and thread-safe.
 *
 * @param itemName the item, e.g. {@code SMS_WSUS_SYNC_MANAGER|SMS Site Server}
 * @param propertyName the embedded property, property list ({@code PropLists:} prefix is not used; lists
 *                     are named as they are) or plain property
 * @param before the value as the session loaded it; empty when the session adds it
 * @param after the value the session writes; empty when the session removes it
 */
public record ScfChange(String itemName, String propertyName, Optional<String> before, Optional<String> after) {
    /**
     * Creates a change.
     *
     * @param itemName the item
     * @param propertyName the embedded property, property list or plain property
     * @param before the value as the session loaded it; empty when the session adds it
     * @param after the value the session writes; empty when the session removes it
     * @throws NullPointerException if a component is null
     */
    public ScfChange {
        Objects.requireNonNull(itemName, "itemName");
        Objects.requireNonNull(propertyName, "propertyName");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /**
     * Describes the change on one line.
     *
     * @return e.g. {@code SMS_WSUS_SYNC_MANAGER|SMS Site Server: Sync Now 0 -> 1732147200}
     */
    @Override
    public String toString() {
        return itemName + ": " + propertyName + " " + before.orElse("(none)") + " -> " + after.orElse("(removed)");
    }
}
