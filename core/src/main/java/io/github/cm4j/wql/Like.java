package io.github.cm4j.wql;

import java.util.Objects;

/**
 * {@code operand [NOT] LIKE 'pattern'}. The pattern is kept as the string value of the literal (after string
 * unescaping); its wildcards are {@code %}, {@code _}, {@code [set]} and {@code [^set]} as described by
 * {@link LikePattern}, which also evaluates it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operand the tested value, normally a property
 * @param pattern the LIKE pattern (validated on construction)
 * @param negated {@code true} for {@code NOT LIKE}
 */
public record Like(Operand operand, String pattern, boolean negated) implements Expression {

    /**
     * Validates the pattern.
     *
     * @param operand the tested value, normally a property
     * @param pattern the LIKE pattern (validated on construction)
     * @param negated {@code true} for {@code NOT LIKE}
     * @throws IllegalArgumentException if the pattern is malformed (e.g. an unterminated {@code [})
     */
    public Like {
        Objects.requireNonNull(operand, "operand");
        LikePattern.compile(pattern);
    }

    /**
     * Compiles the pattern for matching.
     *
     * @return the compiled pattern
     */
    public LikePattern likePattern() {
        return LikePattern.compile(pattern);
    }

    /** {@return the canonical WQL text} */
    @Override
    public String toString() {
        return WqlPrinter.print(this);
    }
}
