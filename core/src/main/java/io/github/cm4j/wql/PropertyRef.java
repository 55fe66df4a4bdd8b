package io.github.cm4j.wql;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a property, optionally qualified by a class name or alias: {@code CI_ID} or {@code SU.CI_ID}.
 *
 * <p>Names keep the spelling of the source; WMI compares them case-insensitively, so a schema check or an
 * evaluator should too. The qualifier is kept so that a later check can resolve it against the
 * {@link SelectQuery#resolve(String) FROM and JOIN classes}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param qualifier the class name or alias before the dot, if any
 * @param name the property name
 */
public record PropertyRef(Optional<String> qualifier, String name) implements Operand, SelectItem {

    /**
     * Validates the names.
     *
     * @param qualifier the class name or alias before the dot, if any
     * @param name the property name
     * @throws IllegalArgumentException if a name is not a valid WQL identifier
     */
    public PropertyRef {
        Objects.requireNonNull(qualifier, "qualifier");
        qualifier.ifPresent(q -> Names.requireIdentifier(q, "qualifier"));
        Names.requireIdentifier(name, "property name");
    }

    /**
     * Parses a possibly qualified property name such as {@code "ArticleID"} or {@code "SU.CI_ID"}.
     *
     * @param dottedName a name with at most one dot
     * @return the reference
     * @throws IllegalArgumentException if either part is not a valid identifier
     */
    public static PropertyRef of(String dottedName) {
        Objects.requireNonNull(dottedName, "property name");
        int dot = dottedName.indexOf('.');
        if (dot < 0) {
            return new PropertyRef(Optional.empty(), dottedName);
        }
        return new PropertyRef(Optional.of(dottedName.substring(0, dot)), dottedName.substring(dot + 1));
    }

    /**
     * Creates a qualified reference.
     *
     * @param qualifier class name or alias
     * @param name property name
     * @return the reference {@code qualifier.name}
     */
    public static PropertyRef of(String qualifier, String name) {
        return new PropertyRef(Optional.of(qualifier), name);
    }

    /** {@return the WQL text, e.g. {@code SU.CI_ID}} */
    @Override
    public String toString() {
        return qualifier.map(q -> q + "." + name).orElse(name);
    }
}
