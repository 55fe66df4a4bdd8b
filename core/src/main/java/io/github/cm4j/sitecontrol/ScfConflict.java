package io.github.cm4j.sitecontrol;

import java.util.Objects;
import java.util.Optional;

/**
 * A property that this session and someone else both changed since the session loaded the site control
 * file: the value loaded, the value this session wanted, and the value now in the site control file.
 *
 * @param itemName the item, e.g. {@code SMS_WSUS_SYNC_MANAGER|SMS Site Server}
 * @param propertyName the embedded property, property list or plain property
 * @param base the value the session loaded (empty: absent)
 * @param ours the value this session wanted to write (empty: removed)
 * @param theirs the value now committed by someone else (empty: absent or the item was deleted)
 */
public record ScfConflict(String itemName, String propertyName, Optional<String> base, Optional<String> ours,
                          Optional<String> theirs) {
    /** Checks the arguments. */
    public ScfConflict {
        Objects.requireNonNull(itemName, "itemName");
        Objects.requireNonNull(propertyName, "propertyName");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
    }

    @Override
    public String toString() {
        return itemName + ": " + propertyName + " loaded " + base.orElse("(none)") + ", ours " + ours.orElse("(removed)")
                + ", theirs " + theirs.orElse("(none)");
    }
}
