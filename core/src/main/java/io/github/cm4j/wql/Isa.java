package io.github.cm4j.wql;

import java.util.Objects;

/**
 * {@code operand ISA 'ClassName'}: the tested object (an embedded object property, {@code __this}, ...) is an
 * instance of the class or of a subclass. The class name is a string literal in WQL and is kept as written.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operand the tested value
 * @param className the class name given as the string literal
 */
public record Isa(Operand operand, String className) implements Expression {

    /**
     * Checks that no component is null.
     *
     * @param operand the tested value
     * @param className the class name given as the string literal
     */
    public Isa {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(className, "className");
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
