package io.github.cm4j.wql;

import java.util.Objects;

/**
 * {@code operand [NOT] IN (SELECT ...)}, a sub-select of the SMS Provider's extended WQL.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operand the tested value, normally a property
 * @param subquery the sub-select, which normally selects one property
 * @param negated {@code true} for {@code NOT IN}
 */
public record InSubquery(Operand operand, SelectQuery subquery, boolean negated) implements Expression {

    /**
     * Checks that no component is null.
     *
     * @param operand the tested value, normally a property
     * @param subquery the sub-select, which normally selects one property
     * @param negated {@code true} for {@code NOT IN}
     */
    public InSubquery {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(subquery, "subquery");
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
