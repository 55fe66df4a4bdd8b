package io.github.cm4j.wql;

/**
 * A boolean condition of {@code WHERE} or {@code ON}.
 *
 * <p>The hierarchy is closed so that an evaluator or a schema check can handle every case:
 * {@link Comparison}, {@link Like}, {@link IsNull}, {@link Isa}, {@link InList}, {@link InSubquery} (the
 * predicates) and {@link And}, {@link Or}, {@link Not} (the connectives). {@code And} and {@code Or} are n-ary
 * (a chain {@code a AND b AND c} is one {@code And} of three operands), which keeps long chains shallow.
 *
 * <p>{@code toString()} of every expression is its canonical WQL text.
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface Expression permits Comparison, Like, IsNull, Isa, InList, InSubquery, And, Or, Not {

    /**
     * Combines this condition with another by {@code AND}, flattening nested {@code And}s.
     *
     * @param other the other condition
     * @return {@code this AND other}
     */
    default Expression and(Expression other) {
        return And.of(this, other);
    }

    /**
     * Combines this condition with another by {@code OR}, flattening nested {@code Or}s.
     *
     * @param other the other condition
     * @return {@code this OR other}
     */
    default Expression or(Expression other) {
        return Or.of(this, other);
    }

    /**
     * Negates this condition.
     *
     * @return {@code NOT this}
     */
    default Expression negate() {
        return new Not(this);
    }
}
