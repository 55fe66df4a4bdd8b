package io.github.cm4j.wql;

/**
 * One side of a WQL predicate: a property reference or a literal value.
 */
public sealed interface Operand permits PropertyRef, Literal {
}
