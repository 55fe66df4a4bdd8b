package io.github.cm4j.wql;

import java.util.List;
import java.util.Objects;

/**
 * {@code operand [NOT] IN (value, ...)} with at least one value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operand the tested value, normally a property
 * @param values the constants (never empty)
 * @param negated {@code true} for {@code NOT IN}
 */
public record InList(Operand operand, List<Literal> values, boolean negated) implements Expression {

    /**
     * Copies the list.
     *
     * @param operand the tested value, normally a property
     * @param values the constants (never empty)
     * @param negated {@code true} for {@code NOT IN}
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public InList {
        Objects.requireNonNull(operand, "operand");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN needs at least one value");
        }
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
