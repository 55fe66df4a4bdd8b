package io.github.cm4j.wql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conjunction of two or more conditions: {@code a AND b AND c}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operands the conditions, at least two, in source order
 */
public record And(List<Expression> operands) implements Expression {

    /**
     * Copies the list.
     *
     * @param operands the conditions, at least two, in source order
     * @throws IllegalArgumentException if there are fewer than two operands
     */
    public And {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("AND needs at least two operands");
        }
    }

    /**
     * Conjunction of conditions, flattening operands that are themselves {@code And}s; a single condition is
     * returned as is.
     *
     * @param conditions one or more conditions
     * @return the conjunction
     */
    public static Expression of(Expression... conditions) {
        List<Expression> flat = new ArrayList<>();
        for (Expression c : conditions) {
            if (c instanceof And) {
                flat.addAll(((And) c).operands());
            } else {
                flat.add(Objects.requireNonNull(c, "condition"));
            }
        }
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("AND needs at least one condition");
        }
        return flat.size() == 1 ? flat.get(0) : new And(flat);
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
