package io.github.cm4j.wql;

import java.util.Objects;

/**
 * {@code left op right}, e.g. {@code SU.CI_ID = CIR.ToCIID} or {@code ArticleID = "832880"}. WQL allows a
 * property or a constant on either side.
 *
 * <p>Immutable and thread-safe.
 *
 * @param left the left operand
 * @param operator the comparison
 * @param right the right operand
 */
public record Comparison(Operand left, ComparisonOperator operator, Operand right) implements Expression {

    /**
     * Checks that no component is null.
     *
     * @param left the left operand
     * @param operator the comparison
     * @param right the right operand
     */
    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
