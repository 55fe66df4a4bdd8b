package io.github.cm4j.wql;

import java.util.Objects;
import java.util.Optional;

/**
 * The select-list wildcard: {@code *} (all properties of the only or of every class) or {@code SU.*} (all
 * properties of one class of a join).
 *
 * <p>Immutable and thread-safe.
 *
 * @param qualifier the class name or alias before {@code .*}, if any
 */
public record Wildcard(Optional<String> qualifier) implements SelectItem {
    /** The unqualified {@code *}. */
    public static final Wildcard ALL = new Wildcard(Optional.empty());

    /**
     * Validates the qualifier.
     *
     * @param qualifier the class name or alias before {@code .*}, if any
     * @throws IllegalArgumentException if the qualifier is not a valid WQL identifier
     */
    public Wildcard {
        Objects.requireNonNull(qualifier, "qualifier");
        qualifier.ifPresent(q -> Names.requireIdentifier(q, "qualifier"));
    }

    /**
     * Creates {@code qualifier.*}.
     *
     * @param qualifier class name or alias
     * @return the qualified wildcard
     */
    public static Wildcard of(String qualifier) {
        return new Wildcard(Optional.of(qualifier));
    }

    /** {@return {@code *} or {@code qualifier.*}} */
    @Override
    public String toString() {
        return qualifier.map(q -> q + ".*").orElse("*");
    }
}
