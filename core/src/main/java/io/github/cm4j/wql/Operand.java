package io.github.cm4j.wql;

/**
 * One side of a WQL predicate: a property reference or a literal value.
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface Operand permits PropertyRef, Literal {
}
