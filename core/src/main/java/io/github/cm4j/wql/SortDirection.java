package io.github.cm4j.wql;

/** Direction of an {@link OrderItem}. */
public enum SortDirection {
    /** Ascending (the default when neither {@code ASC} nor {@code DESC} is written). */
    ASC,
    /** Descending. */
    DESC
}
