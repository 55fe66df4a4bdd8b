package io.github.cm4j.wql;

import java.util.Objects;

/**
 * {@code operand IS [NOT] NULL}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operand the tested value, normally a property
 * @param negated {@code true} for {@code IS NOT NULL}
 */
public record IsNull(Operand operand, boolean negated) implements Expression {

    /**
     * Checks that the operand is not null.
     *
     * @param operand the tested value, normally a property
     * @param negated {@code true} for {@code IS NOT NULL}
     */
    public IsNull {
        Objects.requireNonNull(operand, "operand");
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
