package io.github.cm4j.wql;

import java.util.Objects;

/**
 * One key of {@code ORDER BY}: {@code SU.DateRevised DESC}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param property the sort key
 * @param direction ascending or descending
 */
public record OrderItem(PropertyRef property, SortDirection direction) {

    /**
     * Checks that no component is null.
     *
     * @param property the sort key
     * @param direction ascending or descending
     */
    public OrderItem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(direction, "direction");
    }

    /** {@return {@code Prop} or {@code Prop DESC}} */
    @Override
    public String toString() {
        return direction == SortDirection.DESC ? property + " DESC" : property.toString();
    }
}
