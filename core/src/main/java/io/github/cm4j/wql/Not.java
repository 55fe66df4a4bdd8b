package io.github.cm4j.wql;

import java.util.Objects;

/**
 * Negation: {@code NOT condition}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operand the negated condition
 */
public record Not(Expression operand) implements Expression {

    /**
     * Checks that the operand is not null.
     *
     * @param operand the negated condition
     */
    public Not {
        Objects.requireNonNull(operand, "operand");
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
