package io.github.cm4j.wql;

/**
 * The select item {@code COUNT(*)}: the query returns the number of matching instances. It must be the only
 * select item.
 *
 * <p>Immutable and thread-safe.
 */
public record CountAll() implements SelectItem {
    /** The single instance worth using (all instances are equal). */
    public static final CountAll INSTANCE = new CountAll();

    /** {@return {@code COUNT(*)}} */
    @Override
    public String toString() {
        return "COUNT(*)";
    }
}
