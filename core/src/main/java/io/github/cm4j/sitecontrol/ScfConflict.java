package io.github.cm4j.sitecontrol;

import java.util.Objects;
import java.util.Optional;

/**
 * A property that this session and someone else both changed since the session loaded the site control
 * file: the value loaded, the value this session wanted, and the value now in the site control file.
 * Immutable and thread-safe.
 *
 * @param itemName the item, e.g. {@code SMS_WSUS_SYNC_MANAGER|SMS Site Server}
 * @param propertyName the embedded property, property list or plain property
 * @param base the value the session loaded (empty: absent)
 * @param ours the value this session wanted to write (empty: removed)
 * @param theirs the value now committed by someone else (empty: absent or the item was deleted)
 */
public record ScfConflict(String itemName, String propertyName, Optional<String> base, Optional<String> ours,
                          Optional<String> theirs) {
    /**
     * Creates a conflict.
     *
     * @param itemName the item
     * @param propertyName the embedded property, property list or plain property
     * @param base the value the session loaded (empty: absent)
     * @param ours the value this session wanted to write (empty: removed)
     * @param theirs the value now committed by someone else (empty: absent or the item was deleted)
     * @throws NullPointerException if a component is null
     */
    public ScfConflict {
        Objects.requireNonNull(itemName, "itemName");
        Objects.requireNonNull(propertyName, "propertyName");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
    }

    /**
     * Describes the conflict on one line.
     *
     * @return e.g. {@code SMS_WSUS_SYNC_MANAGER|SMS Site Server: Sync Now loaded 0, ours 1, theirs 2}
     */
    @Override
    public String toString() {
        return itemName + ": " + propertyName + " loaded " + base.orElse("(none)") + ", ours " + ours.orElse("(removed)")
                + ", theirs " + theirs.orElse("(none)");
    }
}
