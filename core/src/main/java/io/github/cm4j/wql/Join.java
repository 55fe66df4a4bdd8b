package io.github.cm4j.wql;

import java.util.Objects;

/**
 * A join of the SMS Provider's extended WQL: {@code [INNER | LEFT [OUTER]] JOIN Class [AS Alias] ON condition}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type inner or left outer
 * @param target the joined class
 * @param on the join condition, typically {@code A.x = B.y}
 */
public record Join(JoinType type, ClassRef target, Expression on) {

    /**
     * Checks that no component is null.
     *
     * @param type inner or left outer
     * @param target the joined class
     * @param on the join condition, typically {@code A.x = B.y}
     */
    public Join {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(on, "on");
    }

    /** {@return the WQL text of this join} */
    @Override
    public String toString() {
        return type.keywords() + " " + target + " ON " + WqlPrinter.print(on);
    }
}
